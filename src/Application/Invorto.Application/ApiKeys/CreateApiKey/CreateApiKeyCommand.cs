namespace Invorto.Application.ApiKeys.CreateApiKey;

/// <summary>Issues a new key for the caller's tenant. <paramref name="Role"/> is admin, dev or analyst.</summary>
public sealed record CreateApiKeyCommand(Guid TenantId, string? Name, string? Role);
