using System.Buffers;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Invorto.Application.Common;
using Invorto.Application.Conversations.Transport;

namespace Invorto.Realtime.Transports;

/// <summary>
/// The client protocol of spec §5.1, both ways: binary PCM16 audio and JSON messages with <c>t</c>. In the session a
/// frame that is not a JSON object with a string <c>t</c> closes with 4400; an unknown or misplaced message is answered
/// with an <c>error</c>. DTMF passes <see cref="DtmfGate"/>: a refused message is answered with <c>bad_request</c>
/// (invalid digits) or <c>quota_exceeded</c> (over the rate), and the <see cref="MaxDtmfRefusals"/>th refusal not
/// paid back by accepted messages closes the socket with 4400 or 4429.
/// </summary>
public sealed class ClientProtocolTransport(SocketConnection connection) : IWireCodec
{
    public const int MaxTextBytes = 64 * 1024;
    public const int MaxBinaryBytes = 16 * 1024;
    public const int MaxDtmfRefusals = 10;
    private const int MaxEchoedKindLength = 40;
    private readonly DtmfGate _dtmf = new();
    private JsonMessageBuffer? _spareMessage;
    private int _dtmfRefusals;

    /// <summary>What a browser's or SDK's playback queue typically holds ahead of the speaker.</summary>
    public static readonly TimeSpan ClientPlaybackBuffer = TimeSpan.FromMilliseconds(60);

    public string Name => "web";

    public TimeSpan FarEndBuffer => ClientPlaybackBuffer;

    public bool ConsentPlayedByProvider => false;

    public bool ReportsPlayout => false;

    public ValueTask SendAudioAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken) =>
        connection.SendAsync(frame, WebSocketMessageType.Binary, cancellationToken);

    public ValueTask SendEventAsync(ConversationEvent conversationEvent, CancellationToken cancellationToken) =>
        SendJsonAsync(conversationEvent, static (writer, message) => Write(writer, message), cancellationToken);

    public ValueTask SendMarkAsync(string name, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask FlushPlaybackAsync(CancellationToken cancellationToken) =>
        SendJsonAsync(
            0,
            static (writer, _) =>
            {
                writer.WriteString("t", "control.bargein");
                writer.WriteString("action", "stop-tts");
            },
            cancellationToken);

    public ValueTask SendReadyAsync(Guid callId, int sampleRate, CancellationToken cancellationToken) =>
        SendJsonAsync(
            (callId, sampleRate),
            static (writer, ready) =>
            {
                writer.WriteString("t", "ready");
                writer.WriteString("callId", ready.callId);
                writer.WriteNumber("sampleRate", ready.sampleRate);
            },
            cancellationToken);

    public ValueTask SendEndAsync(string reason, CancellationToken cancellationToken) =>
        SendJsonAsync(
            reason,
            static (writer, endReason) =>
            {
                writer.WriteString("t", "end");
                writer.WriteString("reason", endReason);
            },
            cancellationToken);

    public ValueTask SendErrorAsync(string code, string message, CancellationToken cancellationToken) =>
        SendEventAsync(new SessionError(code, message), cancellationToken);

    public int MaxMessageBytes => MaxTextBytes;

    public ValueTask SendRefusalAsync(string code, string message, CancellationToken cancellationToken) =>
        SendErrorAsync(code, message, cancellationToken);

    /// <summary>
    /// The protocol's <c>end</c> reasons are hangup, silence, max-duration, agent and error; a call that lost its
    /// providers ends as an error here (the <c>error</c> event before it and the 4503 close say which).
    /// </summary>
    public ValueTask SendFarewellAsync(string reason, CancellationToken cancellationToken) =>
        SendEndAsync(reason == ConversationEndReasons.ProviderUnavailable ? ConversationEndReasons.Error : reason, cancellationToken);

    public InboundMessage Decode(WebSocketMessageType type, ReadOnlyMemory<byte> message)
    {
        if (type == WebSocketMessageType.Binary)
        {
            return message.Length > MaxBinaryBytes
                ? InboundMessage.CloseWith(RealtimeCloseCodes.TooBig, "audio frame too big")
                : InboundMessage.AudioOf(message, message.Length);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message);
        }
        catch (JsonException)
        {
            return BadRequest;
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
                return BadRequest;
            }
        }
    }

    private InboundMessage Decode(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("t", out var kind) || kind.ValueKind != JsonValueKind.String)
        {
            return BadRequest;
        }

        return kind.GetString() switch
        {
            "end" => InboundMessage.EndedBy(ConversationEndReasons.Client),
            "dtmf" => Digits(root.TryGetProperty("digits", out var digits) && digits.ValueKind == JsonValueKind.String ? digits.GetString() : null),
            "tool.result" when root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String =>
                InboundMessage.ToolResultOf(id.GetString()!, root.TryGetProperty("result", out var value) ? value.GetRawText() : "null"),
            "start" => InboundMessage.RefusedWith(ErrorCodes.Conflict, "The session has already started."),
            var other => InboundMessage.RefusedWith(ErrorCodes.BadRequest, $"Unknown or incomplete message '{Shortened(other!)}'."),
        };
    }

    private static InboundMessage BadRequest => InboundMessage.CloseWith(RealtimeCloseCodes.BadRequest, ErrorCodes.BadRequest);

    private static string Shortened(string kind) => kind.Length <= MaxEchoedKindLength ? kind : kind[..MaxEchoedKindLength] + "...";

    private InboundMessage Digits(string? digits)
    {
        var verdict = _dtmf.Admit(digits);
        if (verdict == DtmfVerdict.Accepted)
        {
            _dtmfRefusals = Math.Max(0, _dtmfRefusals - 1);
            return InboundMessage.DigitsOf(digits!);
        }

        var invalid = verdict == DtmfVerdict.Invalid;
        if (++_dtmfRefusals >= MaxDtmfRefusals)
        {
            return invalid ? BadRequest : InboundMessage.CloseWith(RealtimeCloseCodes.QuotaExceeded, ErrorCodes.QuotaExceeded);
        }

        return invalid
            ? InboundMessage.RefusedWith(ErrorCodes.BadRequest, $"dtmf digits must be 1 to {DtmfGate.MaxDigits} of 0-9 * # A-D.")
            : InboundMessage.RefusedWith(ErrorCodes.QuotaExceeded, $"At most {DtmfGate.MessagesPerSecond} dtmf messages per second.");
    }

    private static void Write(Utf8JsonWriter writer, ConversationEvent conversationEvent)
    {
        switch (conversationEvent)
        {
            case TranscriptPartial partial:
                writer.WriteString("t", "stt.partial");
                writer.WriteString("text", partial.Text);
                writer.WriteNumber("ts", partial.Ts);
                break;
            case TranscriptFinal final:
                writer.WriteString("t", "stt.final");
                writer.WriteString("text", final.Text);
                writer.WriteNumber("ts", final.Ts);
                writer.WriteNumber("confidence", final.Confidence);
                break;
            case AgentTextDelta delta:
                writer.WriteString("t", "llm.delta");
                writer.WriteString("text", delta.Text);
                break;
            case ToolCallRequested call:
                writer.WriteString("t", "tool.call");
                writer.WriteString("id", call.Id);
                writer.WriteString("name", call.Name);
                writer.WritePropertyName("args");
                using (var args = JsonDocument.Parse(call.ArgumentsJson))
                {
                    args.RootElement.WriteTo(writer);
                }

                break;
            case EnergyMeasured energy:
                writer.WriteString("t", "emotion.window");
                writer.WriteNumber("energyDb", energy.EnergyDb);
                writer.WriteBoolean("speaking", energy.Speaking);
                break;
            case SessionError error:
                writer.WriteString("t", "error");
                writer.WriteString("code", error.Code);
                writer.WriteString("message", error.Message);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(conversationEvent), conversationEvent.GetType().Name, "Unknown conversation event.");
        }
    }

    /// <summary>Serialises one JSON message into a reused buffer (a spare one when messages are sent concurrently) and sends it.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask SendJsonAsync<TState>(TState state, Action<Utf8JsonWriter, TState> write, CancellationToken cancellationToken)
    {
        var message = Interlocked.Exchange(ref _spareMessage, null) ?? new JsonMessageBuffer();
        try
        {
            message.Write(state, write);
            if (connection.IsOpen)
            {
                await connection.SendAsync(message.Written, WebSocketMessageType.Text, cancellationToken);
            }
        }
        finally
        {
            message.Clear();
            if (Interlocked.CompareExchange(ref _spareMessage, message, null) is not null)
            {
                message.Dispose();
            }
        }
    }

    private sealed class JsonMessageBuffer : IDisposable
    {
        private readonly ArrayBufferWriter<byte> _buffer = new(256);
        private readonly Utf8JsonWriter _writer;

        public JsonMessageBuffer() => _writer = new Utf8JsonWriter(_buffer);

        public ReadOnlyMemory<byte> Written => _buffer.WrittenMemory;

        public void Write<TState>(TState state, Action<Utf8JsonWriter, TState> write)
        {
            _writer.WriteStartObject();
            write(_writer, state);
            _writer.WriteEndObject();
            _writer.Flush();
        }

        public void Clear()
        {
            _buffer.ResetWrittenCount();
            _writer.Reset(_buffer);
        }

        public void Dispose() => _writer.Dispose();
    }
}
