using System.Net.WebSockets;

namespace Invorto.Realtime.Transports;

/// <summary>The outcome of <see cref="SocketConnection.ReceiveWithinAsync"/>: the message type (null when too big), or a timeout.</summary>
public readonly record struct TimedReceive(bool TimedOut, WebSocketMessageType? Type);
