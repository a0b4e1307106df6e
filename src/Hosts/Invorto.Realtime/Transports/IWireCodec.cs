using System.Net.WebSockets;
using Invorto.Application.Conversations.Transport;

namespace Invorto.Realtime.Transports;

/// <summary>
/// One socket protocol (client §5.1, Jambonz §5.2, Twilio §5.3): the encode side is the <see cref="IConversationTransport"/>
/// the engine sends through, the decode side turns each received frame into an <see cref="InboundMessage"/> for
/// <see cref="SocketReceiveLoop"/>. One instance per socket: it may keep per-socket state (buffers, DTMF budget).
/// </summary>
public interface IWireCodec : IConversationTransport
{
    /// <summary>The largest message the loop receives whole; a larger one closes the socket with 1009.</summary>
    int MaxMessageBytes { get; }

    /// <summary>Decodes one whole frame. Never throws for bad input: a violation is <see cref="InboundMessageKind.Close"/>.</summary>
    InboundMessage Decode(WebSocketMessageType type, ReadOnlyMemory<byte> message);

    /// <summary>Tells the far end a message was refused, where the protocol has a way to (the client's <c>error</c> message).</summary>
    ValueTask SendRefusalAsync(string code, string message, CancellationToken cancellationToken);

    /// <summary>Tells the far end the session is over (<c>end</c>, <c>disconnect</c>) before the socket closes.</summary>
    ValueTask SendFarewellAsync(string reason, CancellationToken cancellationToken);
}
