using System.Net.WebSockets;

namespace Invorto.Testing.Providers;

/// <summary>How a fake listen socket ended.</summary>
/// <param name="ClientSentClose">The client sent a close frame (rather than vanishing).</param>
/// <param name="ClientCloseStatus">The status in the client's close frame.</param>
/// <param name="HandshakeCompleted">Both sides sent a close frame: the socket ended in <c>Closed</c>.</param>
public sealed record ListenConnectionEnd(bool ClientSentClose, WebSocketCloseStatus? ClientCloseStatus, bool HandshakeCompleted);
