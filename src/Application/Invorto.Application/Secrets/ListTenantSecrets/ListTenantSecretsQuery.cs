namespace Invorto.Application.Secrets.ListTenantSecrets;

public sealed record ListTenantSecretsQuery(Guid TenantId);
