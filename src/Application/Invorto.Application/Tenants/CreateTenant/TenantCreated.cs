namespace Invorto.Application.Tenants.CreateTenant;

/// <summary>The new tenant and its admin key. <see cref="ApiKey"/> is the only time the secret is ever shown.</summary>
public sealed record TenantCreated(Guid TenantId, string Name, Guid ApiKeyId, string ApiKey);
