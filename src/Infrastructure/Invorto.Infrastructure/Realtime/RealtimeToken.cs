namespace Invorto.Infrastructure.Realtime;

/// <summary>A minted browser token and when it stops being accepted.</summary>
public sealed record RealtimeToken(string Value, DateTimeOffset ExpiresAt);
