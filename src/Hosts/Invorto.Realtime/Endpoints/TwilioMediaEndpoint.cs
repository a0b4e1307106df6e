using System.Net.WebSockets;
using System.Text.Json;
using Invorto.Application.Conversations;
using Invorto.Application.Conversations.Engine;
using Invorto.Application.Conversations.Transport;
using Invorto.Application.Audio;
using Invorto.Infrastructure.Realtime;
using Invorto.Realtime.Transports;

namespace Invorto.Realtime.Endpoints;

/// <summary>
/// Twilio media streams (spec §5.3) at <c>/realtime/twilio</c>: JSON text frames only. The <c>start</c> event's custom
/// parameters carry our call id and the token the voice hook minted (4401 without a valid one); caller audio is base64
/// μ-law at 8 kHz, decoded and resampled once to the session's 16 kHz.
/// </summary>
public static partial class TwilioMediaEndpoint
{
    public const string Path = "/realtime/twilio";
    public const int MaxMessageBytes = 64 * 1024;

    /// <summary>The most μ-law a message can carry: the base64 payload of a message at the size limit.</summary>
    private const int MaxDecodedBytes = MaxMessageBytes / 4 * 3;

    public static IEndpointRouteBuilder MapTwilioMedia(this IEndpointRouteBuilder endpoints)
    {
        endpoints.Map(Path, HandleAsync).WithName("TwilioMedia");
        return endpoints;
    }

    public static async Task HandleAsync(HttpContext context, ListenToken tokens, ConversationRunner runner, ILoggerFactory loggers)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var logger = loggers.CreateLogger(typeof(TwilioMediaEndpoint));
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var connection = new SocketConnection(socket, MaxMessageBytes);
        var cancellation = context.RequestAborted;
        try
        {
            var start = await ReceiveStartAsync(connection, cancellation);
            if (start is null)
            {
                await connection.CloseAsync(RealtimeCloseCodes.BadRequest, "start event expected", cancellation);
                return;
            }

            if (!tokens.Verify(start.Token, start.CallId, start.TenantId, start.AgentId))
            {
                LogRefused(logger, context.Connection.RemoteIpAddress?.ToString());
                await connection.CloseAsync(RealtimeCloseCodes.InvalidApiKey, "invalid_api_key", cancellation);
                return;
            }

            await runner.RunCallAsync(
                context.RequestServices,
                start.CallId,
                start.TenantId,
                connection,
                new TwilioTransport(connection, start.StreamSid),
                TwilioTransport.SessionRate,
                (session, registration, token) => ReceiveAsync(connection, session, registration, token),
                (_, _) => Task.CompletedTask,
                cancellation);
        }

        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            LogDropped(logger, exception.Message);
        }
    }

    private static async Task<TwilioStreamStart?> ReceiveStartAsync(SocketConnection connection, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await connection.ReceiveAsync(MaxMessageBytes, cancellationToken) != WebSocketMessageType.Text)
            {
                return null;
            }

            var kind = TwilioStreamStart.EventOf(connection.Message.Span);
            if (kind == "connected")
            {
                continue;
            }

            return kind == "start" ? TwilioStreamStart.TryParse(connection.Message.Span) : null;
        }
    }

    private static async Task<string> ReceiveAsync(SocketConnection connection, ConversationSession session, RealtimeSessions.Session registration, CancellationToken cancellationToken)
    {
        var upsampler = PcmResampler.Create(8000, TwilioTransport.SessionRate);
        // Sized for Twilio's 20 ms payloads (160 bytes of μ-law); a larger payload, up to what a message can carry, grows them.
        var narrow = new byte[2 * 2 * 160];
        var wide = new byte[upsampler.OutputBytes(narrow.Length)];
        while (true)
        {
            var type = await connection.ReceiveAsync(MaxMessageBytes, cancellationToken);
            if (type is null)
            {
                await connection.CloseAsync(RealtimeCloseCodes.TooBig, "message too big", cancellationToken);
                return ConversationEndReasons.Error;
            }

            if (type == WebSocketMessageType.Close)
            {
                return ConversationEndReasons.Hangup;
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(connection.Message);
            }
            catch (JsonException)
            {
                await connection.CloseAsync(RealtimeCloseCodes.BadRequest, "bad_request", cancellationToken);
                return ConversationEndReasons.Error;
            }

            using var parsed = document;
            var root = document.RootElement;
            switch (root.TryGetProperty("event", out var kind) ? kind.GetString() : null)
            {
                case "media" when root.TryGetProperty("media", out var media) && media.TryGetProperty("payload", out var payload)
                    && payload.TryGetBytesFromBase64(out var decoded) && decoded.Length <= MaxDecodedBytes:
                    if (narrow.Length < decoded.Length * 2)
                    {
                        narrow = new byte[decoded.Length * 2];
                        wide = new byte[upsampler.OutputBytes(narrow.Length)];
                    }

                    MuLaw.Decode(decoded, narrow);
                    var bytes = upsampler.Process(narrow.AsSpan(0, decoded.Length * 2), wide);
                    registration.AudioReceived(decoded.Length);
                    await session.ReceiveAudioAsync(wide.AsMemory(0, bytes), cancellationToken);
                    break;
                case "dtmf" when root.TryGetProperty("dtmf", out var dtmf) && dtmf.TryGetProperty("digit", out var digit) && digit.ValueKind == JsonValueKind.String:
                    session.ReceiveDigits(digit.GetString()!);
                    break;
                case "mark" when root.TryGetProperty("mark", out var mark) && mark.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String:
                    session.ReceivePlayoutMark(name.GetString()!, played: true);
                    break;
                case "stop":
                    return ConversationEndReasons.Hangup;
                default:
                    break;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a Twilio media stream from {Remote}: missing or forged token")]
    private static partial void LogRefused(ILogger logger, string? remote);

    [LoggerMessage(Level = LogLevel.Information, Message = "Twilio media stream dropped: {Reason}")]
    private static partial void LogDropped(ILogger logger, string reason);
}
