namespace Invorto.Infrastructure.Realtime;

/// <summary>What a valid browser token says: the tenant and the call it may attach to.</summary>
public sealed record RealtimeTokenClaims(Guid TenantId, Guid CallId, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);
