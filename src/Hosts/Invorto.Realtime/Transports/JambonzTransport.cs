using System.Net.WebSockets;
using System.Text.Json;
using Invorto.Application.Conversations.Transport;

namespace Invorto.Realtime.Transports;

/// <summary>
/// The Jambonz <c>listen</c> socket (spec §5.2) in bidirectional streaming mode: binary L16 agent audio, a <c>mark</c>
/// after each spoken segment (Jambonz answers <c>playout</c> or <c>cleared</c>), <c>killAudio</c> to flush the 80 ms
/// Jambonz buffers ahead of playout, <c>disconnect</c> to end the stream. Transcripts and deltas have
/// no place on this socket; the timeline keeps them.
/// </summary>
public sealed class JambonzTransport(SocketConnection connection) : IConversationTransport
{
    public static readonly TimeSpan PlayoutBuffer = TimeSpan.FromMilliseconds(80);
    private static readonly byte[] KillAudio = """{"type":"killAudio"}"""u8.ToArray();
    private static readonly byte[] Disconnect = """{"type":"disconnect"}"""u8.ToArray();

    public string Name => "jambonz";

    public TimeSpan FarEndBuffer => PlayoutBuffer;

    public bool ConsentPlayedByProvider => true;

    public bool ReportsPlayout => true;

    public ValueTask SendAudioAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken) =>
        connection.SendAsync(frame, WebSocketMessageType.Binary, cancellationToken);

    public ValueTask SendEventAsync(ConversationEvent conversationEvent, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask SendMarkAsync(string name, CancellationToken cancellationToken) =>
        connection.SendAsync(JsonSerializer.SerializeToUtf8Bytes(new { type = "mark", data = new { name } }), WebSocketMessageType.Text, cancellationToken);

    public ValueTask FlushPlaybackAsync(CancellationToken cancellationToken) =>
        connection.SendAsync(KillAudio, WebSocketMessageType.Text, cancellationToken);

    public ValueTask SendDisconnectAsync(CancellationToken cancellationToken) =>
        connection.IsOpen ? connection.SendAsync(Disconnect, WebSocketMessageType.Text, cancellationToken) : ValueTask.CompletedTask;
}
