using Invorto.Domain.Tenants;

namespace Invorto.Application.Conversations;

/// <summary>
/// Who opened the socket: a tenant API key (<see cref="TenantId"/>, <see cref="KeyId"/>, <see cref="Role"/>), the platform
/// operations key (<c>REALTIME_API_KEY</c>, no tenant), or a browser token (<see cref="TenantId"/>, <see cref="TokenCallId"/>).
/// </summary>
public sealed record RealtimeCredential(RealtimeCredentialKind Kind, Guid? TenantId, Guid? KeyId, ApiKeyRole? Role, Guid? TokenCallId)
{
    public static RealtimeCredential ForTenantKey(Guid tenantId, Guid keyId, ApiKeyRole role) =>
        new(RealtimeCredentialKind.TenantApiKey, tenantId, keyId, role, null);

    public static RealtimeCredential ForOperationsKey() => new(RealtimeCredentialKind.OperationsKey, null, null, null, null);

    public static RealtimeCredential ForToken(Guid tenantId, Guid callId) => new(RealtimeCredentialKind.Token, tenantId, null, null, callId);
}
