using System.Net.WebSockets;
using System.Text.Json;
using Invorto.Application.Conversations.Transport;

namespace Invorto.Realtime.Transports;

/// <summary>
/// The Jambonz <c>listen</c> socket (spec §5.2) in bidirectional streaming mode: binary L16 agent audio, a <c>mark</c>
/// after each spoken segment (Jambonz answers <c>playout</c> or <c>cleared</c>), <c>killAudio</c> to flush the 80 ms
/// Jambonz buffers ahead of playout, <c>disconnect</c> to end the stream. Transcripts and deltas have
/// no place on this socket; the timeline keeps them. Inbound: binary L16 caller audio, <c>dtmf</c> events (with
/// <c>passDtmf</c>; digits outside <see cref="DtmfGate"/> are dropped) and the playout reports of our marks; any other
/// text, JSON or not, is ignored.
/// </summary>
public sealed class JambonzTransport(SocketConnection connection) : IWireCodec
{
    public const int MaxFrameBytes = 16 * 1024;
    private readonly DtmfGate _dtmf = new();

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

    public int MaxMessageBytes => MaxFrameBytes;

    public ValueTask SendRefusalAsync(string code, string message, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask SendFarewellAsync(string reason, CancellationToken cancellationToken) => SendDisconnectAsync(cancellationToken);

    public InboundMessage Decode(WebSocketMessageType type, ReadOnlyMemory<byte> message)
    {
        if (type == WebSocketMessageType.Binary)
        {
            return InboundMessage.AudioOf(message, message.Length);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message);
        }
        catch (JsonException)
        {
            return InboundMessage.Ignored;
        }

        using (document)
        {
            try
            {
                return Decode(document.RootElement);
            }
            catch (InvalidOperationException)
            {
                // A string with a lone surrogate escape cannot become a .NET string: nothing we act on.
                return InboundMessage.Ignored;
            }
        }
    }

    private InboundMessage Decode(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return InboundMessage.Ignored;
        }

        if (StringOf(root, "event") == "dtmf")
        {
            var digits = StringOf(root, "dtmf");
            return _dtmf.Admit(digits) == DtmfVerdict.Accepted ? InboundMessage.DigitsOf(digits!) : InboundMessage.Ignored;
        }

        if (StringOf(root, "type") == "mark" && root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
            && StringOf(data, "name") is { } name && StringOf(data, "event") is "playout" or "cleared")
        {
            return InboundMessage.PlayoutMarkOf(name, played: StringOf(data, "event") == "playout");
        }

        return InboundMessage.Ignored;
    }

    private static string? StringOf(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
