namespace Invorto.Application.Tenants.CreateTenant;

/// <summary>Bootstraps a tenant with its first admin key.</summary>
public sealed record CreateTenantCommand(string Name);
