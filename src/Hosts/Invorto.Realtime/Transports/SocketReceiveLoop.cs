using System.Net.WebSockets;
using System.Text.Json;
using Invorto.Application.Conversations.Engine;
using Invorto.Application.Conversations.Transport;

namespace Invorto.Realtime.Transports;

/// <summary>
/// The one receive loop of every media socket: receives whole messages within the codec's size limit, has the codec
/// decode them, hands the result to the session, and closes with the §5.1 code of a violation (1009 too big, 4400 bad
/// request, 4429 over quota). Returns the end reason the far end gave (<c>client</c>, <c>hangup</c>) or <c>error</c>.
/// </summary>
public static partial class SocketReceiveLoop
{
    public static async Task<string> RunAsync(
        SocketConnection connection,
        IWireCodec codec,
        ConversationSession session,
        RealtimeSessions.Session registration,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        while (true)
        {
            var type = await connection.ReceiveAsync(codec.MaxMessageBytes, cancellationToken);
            if (type is null)
            {
                await connection.CloseAsync(RealtimeCloseCodes.TooBig, "message too big", cancellationToken);
                return ConversationEndReasons.Error;
            }

            if (type == WebSocketMessageType.Close)
            {
                return ConversationEndReasons.Hangup;
            }

            var message = Decode(codec, type.Value, connection.Message, session.CallId, logger);
            switch (message.Kind)
            {
                case InboundMessageKind.Audio:
                    registration.AudioReceived(message.WireBytes);
                    await session.ReceiveAudioAsync(message.Audio, cancellationToken);
                    break;
                case InboundMessageKind.Digits:
                    session.ReceiveDigits(message.Text!);
                    break;
                case InboundMessageKind.ToolResult:
                    if (!session.ReceiveToolResult(message.Text!, message.Detail!))
                    {
                        await codec.SendRefusalAsync("not_found", "No tool call with that id is waiting.", cancellationToken);
                    }

                    break;
                case InboundMessageKind.PlayoutMark:
                    session.ReceivePlayoutMark(message.Text!, message.Played);
                    break;
                case InboundMessageKind.Refused:
                    await codec.SendRefusalAsync(message.Detail!, message.Text!, cancellationToken);
                    break;
                case InboundMessageKind.End:
                    return message.Text!;
                case InboundMessageKind.Close:
                    LogViolation(logger, session.CallId, (int)message.Status, message.Text!);
                    await connection.CloseAsync(message.Status, message.Text!, cancellationToken);
                    return ConversationEndReasons.Error;
                default:
                    break;
            }
        }
    }

    /// <summary>Codecs do not throw for bad input; should one still trip over a frame, the frame is a bad request, not a crash.</summary>
    private static InboundMessage Decode(IWireCodec codec, WebSocketMessageType type, ReadOnlyMemory<byte> frame, Guid callId, ILogger logger)
    {
        try
        {
            return codec.Decode(type, frame);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or FormatException or ArgumentException or KeyNotFoundException or OverflowException)
        {
            LogUndecodable(logger, callId, exception);
            return InboundMessage.CloseWith(RealtimeCloseCodes.BadRequest, "bad_request");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: closing the media socket with {Code}: {Reason}")]
    private static partial void LogViolation(ILogger logger, Guid callId, int code, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: a frame the codec could not decode closes the socket with 4400")]
    private static partial void LogUndecodable(ILogger logger, Guid callId, Exception exception);
}
