namespace Invorto.Application.Secrets.DeleteTenantSecret;

/// <summary><c>DELETE /v1/secrets/{name}</c>: removes a secret of the caller's tenant; tools that use it fail from then on.</summary>
public sealed record DeleteTenantSecretCommand(Guid TenantId, Guid ApiKeyId, string? Name);
