using System.Buffers.Text;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Invorto.Application.Audio;
using Invorto.Application.Conversations.Transport;

namespace Invorto.Realtime.Transports;

/// <summary>
/// A Twilio media stream (spec §5.3): the session runs at 16 kHz; agent frames are resampled once to 8 kHz, μ-law
/// encoded and sent as base64 <c>media</c> messages; a <c>mark</c> follows each spoken segment (Twilio echoes it when
/// played, and echoes the marks it drops on <c>clear</c>); <c>clear</c> flushes Twilio's buffer on barge-in.
/// Only the pacer sends audio, one frame at a time, so the frame buffers are reused. Inbound: JSON text only (a binary
/// frame, non-JSON or a non-object closes with 4400); <c>media</c> is decoded and resampled once to 16 kHz, <c>dtmf</c>
/// outside <see cref="DtmfGate"/> is dropped, <c>mark</c> reports playout, <c>stop</c> ends; anything else is ignored.
/// </summary>
public sealed class TwilioTransport : IWireCodec
{
    public const int SessionRate = 16000;
    public const int MaxTextBytes = 64 * 1024;

    /// <summary>The most μ-law a message can carry: the base64 payload of a message at the size limit.</summary>
    private const int MaxDecodedBytes = MaxTextBytes / 4 * 3;
    private readonly PcmResampler _upsampler = PcmResampler.Create(8000, SessionRate);
    private readonly DtmfGate _dtmf = new();

    // Sized for Twilio's 20 ms payloads (160 bytes of μ-law); a larger payload, up to what a message can carry, grows them.
    private byte[] _inboundNarrow = new byte[2 * 2 * 160];
    private byte[] _inboundWide;
    private const int NarrowFrameBytes = 320;
    private readonly SocketConnection _connection;
    private readonly PcmResampler _downsampler = PcmResampler.Create(SessionRate, 8000);
    private readonly byte[] _narrow = new byte[NarrowFrameBytes * 2];
    private readonly byte[] _ulaw = new byte[NarrowFrameBytes];
    private readonly byte[] _prefix;
    private readonly byte[] _suffix = "\"}}"u8.ToArray();
    private readonly byte[] _media;
    private readonly byte[] _clear;
    private readonly string _streamSid;

    public TwilioTransport(SocketConnection connection, string streamSid)
    {
        _connection = connection;
        _streamSid = streamSid;
        _prefix = Encoding.UTF8.GetBytes($$"""{"event":"media","streamSid":"{{streamSid}}","media":{"payload":" """.TrimEnd());
        _media = new byte[_prefix.Length + Base64.GetMaxEncodedToUtf8Length(_ulaw.Length) + _suffix.Length];
        _prefix.CopyTo(_media, 0);
        _clear = Encoding.UTF8.GetBytes($$"""{"event":"clear","streamSid":"{{streamSid}}"}""");
        _inboundWide = new byte[_upsampler.OutputBytes(_inboundNarrow.Length)];
    }

    public string Name => "twilio";

    public TimeSpan FarEndBuffer => TimeSpan.FromMilliseconds(40);

    public bool ConsentPlayedByProvider => true;

    public bool ReportsPlayout => true;

    public ValueTask SendAudioAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        var narrow = _downsampler.Process(frame.Span, _narrow);
        var samples = narrow / 2;
        MuLaw.Encode(_narrow.AsSpan(0, narrow), _ulaw);
        Base64.EncodeToUtf8(_ulaw.AsSpan(0, samples), _media.AsSpan(_prefix.Length), out _, out var written);
        var end = _prefix.Length + written;
        _suffix.CopyTo(_media, end);
        return _connection.SendAsync(_media.AsMemory(0, end + _suffix.Length), WebSocketMessageType.Text, cancellationToken);
    }

    public ValueTask SendEventAsync(ConversationEvent conversationEvent, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask SendMarkAsync(string name, CancellationToken cancellationToken) =>
        _connection.SendAsync(JsonSerializer.SerializeToUtf8Bytes(new { @event = "mark", streamSid = _streamSid, mark = new { name } }), WebSocketMessageType.Text, cancellationToken);

    public ValueTask FlushPlaybackAsync(CancellationToken cancellationToken) =>
        _connection.SendAsync(_clear, WebSocketMessageType.Text, cancellationToken);

    public int MaxMessageBytes => MaxTextBytes;

    public ValueTask SendRefusalAsync(string code, string message, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask SendFarewellAsync(string reason, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public InboundMessage Decode(WebSocketMessageType type, ReadOnlyMemory<byte> message)
    {
        if (type != WebSocketMessageType.Text)
        {
            return InboundMessage.CloseWith(RealtimeCloseCodes.BadRequest, "text frames only");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message);
        }
        catch (JsonException)
        {
            return InboundMessage.CloseWith(RealtimeCloseCodes.BadRequest, "bad_request");
        }

        using (document)
        {
            try
            {
                return Decode(document.RootElement);
            }
            catch (InvalidOperationException)
            {
                // A string with a lone surrogate escape cannot become a .NET string.
                return InboundMessage.CloseWith(RealtimeCloseCodes.BadRequest, "bad_request");
            }
        }
    }

    private InboundMessage Decode(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return InboundMessage.CloseWith(RealtimeCloseCodes.BadRequest, "bad_request");
        }

        return StringOf(root, "event") switch
        {
            "media" when ObjectOf(root, "media") is { } media && media.TryGetProperty("payload", out var payload)
                && payload.ValueKind == JsonValueKind.String && payload.TryGetBytesFromBase64(out var decoded) && decoded.Length <= MaxDecodedBytes => Audio(decoded),
            "dtmf" when ObjectOf(root, "dtmf") is { } dtmf && StringOf(dtmf, "digit") is var digit && _dtmf.Admit(digit) == DtmfVerdict.Accepted =>
                InboundMessage.DigitsOf(digit!),
            "mark" when ObjectOf(root, "mark") is { } mark && StringOf(mark, "name") is { } name => InboundMessage.PlayoutMarkOf(name, played: true),
            "stop" => InboundMessage.EndedBy(ConversationEndReasons.Hangup),
            _ => InboundMessage.Ignored,
        };
    }

    private InboundMessage Audio(byte[] ulaw)
    {
        if (_inboundNarrow.Length < ulaw.Length * 2)
        {
            _inboundNarrow = new byte[ulaw.Length * 2];
            _inboundWide = new byte[_upsampler.OutputBytes(_inboundNarrow.Length)];
        }

        MuLaw.Decode(ulaw, _inboundNarrow);
        var bytes = _upsampler.Process(_inboundNarrow.AsSpan(0, ulaw.Length * 2), _inboundWide);
        return InboundMessage.AudioOf(_inboundWide.AsMemory(0, bytes), ulaw.Length);
    }

    private static JsonElement? ObjectOf(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static string? StringOf(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
