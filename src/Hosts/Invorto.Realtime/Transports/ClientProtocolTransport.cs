using System.Buffers;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Invorto.Application.Conversations.Transport;

namespace Invorto.Realtime.Transports;

/// <summary>The client protocol of spec §5.1: binary PCM16 agent audio and JSON messages with <c>t</c>.</summary>
public sealed class ClientProtocolTransport(SocketConnection connection) : IConversationTransport
{
    private JsonMessageBuffer? _spareMessage;

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
