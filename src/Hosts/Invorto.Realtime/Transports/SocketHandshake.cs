using System.Net.WebSockets;

namespace Invorto.Realtime.Transports;

/// <summary>The outcome of a telephony socket's first frames: who the far end is, or the close code and reason that refuse it.</summary>
public sealed record SocketHandshake<T>(T? Identity, (WebSocketCloseStatus Status, string Reason)? Refusal)
    where T : class
{
    public static SocketHandshake<T> Accepted(T identity) => new(identity, null);

    public static SocketHandshake<T> Refused(WebSocketCloseStatus status, string reason) => new(null, (status, reason));
}
