namespace Invorto.Application.ApiKeys.RevokeApiKey;

/// <summary>Revokes a key of the caller's tenant at once. Revoking twice is harmless.</summary>
public sealed record RevokeApiKeyCommand(Guid TenantId, Guid KeyId);
