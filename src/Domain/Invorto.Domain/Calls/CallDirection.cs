namespace Invorto.Domain.Calls;

public enum CallDirection
{
    Inbound = 0,
    Outbound = 1,

    /// <summary>A browser or server WebSocket conversation (spec §1).</summary>
    Web = 2,
}
