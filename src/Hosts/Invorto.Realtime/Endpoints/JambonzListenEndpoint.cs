using System.Net.WebSockets;
using System.Text.Json;
using Invorto.Application.Conversations;
using Invorto.Application.Conversations.Engine;
using Invorto.Application.Conversations.Transport;
using Invorto.Infrastructure.Realtime;
using Invorto.Realtime.Transports;

namespace Invorto.Realtime.Endpoints;

/// <summary>
/// The socket Jambonz's <c>listen</c> verb opens (spec §5.2): a metadata text frame first, carrying the token our
/// call hook minted; a missing or forged token closes with 4401 and starts nothing. Then binary L16 caller audio in,
/// the agent's L16 audio out with a <c>mark</c> after each spoken segment (Jambonz reports <c>playout</c> or <c>cleared</c>),
/// <c>killAudio</c> on barge-in and <c>disconnect</c> when the conversation ends.
/// </summary>
public static partial class JambonzListenEndpoint
{
    public const string Path = "/realtime/jambonz";
    public const int MaxMetadataBytes = 8192;
    public const int MaxFrameBytes = 16 * 1024;
    private static readonly string[] Subprotocols = ["audio.jambonz.org", "audio.drachtio.org"];

    public static IEndpointRouteBuilder MapJambonzListen(this IEndpointRouteBuilder endpoints)
    {
        endpoints.Map(Path, HandleAsync).WithName("JambonzListen");
        return endpoints;
    }

    public static async Task HandleAsync(HttpContext context, ListenToken tokens, ConversationRunner runner, ILoggerFactory loggers)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var logger = loggers.CreateLogger(typeof(JambonzListenEndpoint));
        var subprotocol = context.WebSockets.WebSocketRequestedProtocols.FirstOrDefault(p => Subprotocols.Contains(p, StringComparer.OrdinalIgnoreCase));
        using var socket = await context.WebSockets.AcceptWebSocketAsync(subprotocol);
        using var connection = new SocketConnection(socket, MaxFrameBytes);
        var cancellation = context.RequestAborted;
        try
        {
            var first = await connection.ReceiveAsync(MaxMetadataBytes, cancellation);
            if (first != WebSocketMessageType.Text)
            {
                await connection.CloseAsync(RealtimeCloseCodes.BadRequest, "metadata text frame expected first", cancellation);
                return;
            }

            var metadata = ListenMetadata.TryParse(connection.Message.Span);
            if (metadata is null || !tokens.Verify(metadata.Token, metadata.CallId, metadata.TenantId, metadata.AgentId))
            {
                LogRefused(logger, context.Connection.RemoteIpAddress?.ToString());
                await connection.CloseAsync(RealtimeCloseCodes.InvalidApiKey, "invalid_api_key", cancellation);
                return;
            }

            if (metadata.SampleRate is not (8000 or 16000))
            {
                await connection.CloseAsync(RealtimeCloseCodes.BadRequest, "sampleRate must be 8000 or 16000", cancellation);
                return;
            }

            var transport = new JambonzTransport(connection);
            await runner.RunCallAsync(
                context.RequestServices,
                metadata.CallId,
                metadata.TenantId,
                connection,
                transport,
                metadata.SampleRate,
                (session, registration, token) => ReceiveAsync(connection, session, registration, token),
                (_, token) => transport.SendDisconnectAsync(token).AsTask(),
                cancellation);
        }

        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            LogDropped(logger, exception.Message);
        }
    }

    private static async Task<string> ReceiveAsync(SocketConnection connection, ConversationSession session, RealtimeSessions.Session registration, CancellationToken cancellationToken)
    {
        while (true)
        {
            var type = await connection.ReceiveAsync(MaxFrameBytes, cancellationToken);
            switch (type)
            {
                case null:
                    await connection.CloseAsync(RealtimeCloseCodes.TooBig, "frame too big", cancellationToken);
                    return ConversationEndReasons.Error;
                case WebSocketMessageType.Close:
                    return ConversationEndReasons.Hangup;
                case WebSocketMessageType.Binary:
                    registration.AudioReceived(connection.Message.Length);
                    await session.ReceiveAudioAsync(connection.Message, cancellationToken);
                    break;
                default:
                    OnText(connection.Message.Span, session);
                    break;
            }
        }
    }

    /// <summary>Text from Jambonz: <c>dtmf</c> events (with <c>passDtmf</c>) and the playout reports of our marks; anything else is ignored.</summary>
    private static void OnText(ReadOnlySpan<byte> json, ConversationSession session)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            if (StringOf(root, "event") == "dtmf" && StringOf(root, "dtmf") is { } digits)
            {
                session.ReceiveDigits(digits);
            }
            else if (StringOf(root, "type") == "mark" && root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
                && StringOf(data, "name") is { } name && StringOf(data, "event") is { } report && report is "playout" or "cleared")
            {
                session.ReceivePlayoutMark(name, played: report == "playout");
            }
        }
        catch (JsonException)
        {
            // Not JSON: nothing we act on.
        }

        static string? StringOf(JsonElement element, string property) =>
            element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a Jambonz listen socket from {Remote}: missing or forged token")]
    private static partial void LogRefused(ILogger logger, string? remote);

    [LoggerMessage(Level = LogLevel.Information, Message = "Jambonz listen socket dropped: {Reason}")]
    private static partial void LogDropped(ILogger logger, string reason);

    /// <summary>The keys of the metadata frame we rely on (camelCase; the listen verb's metadata merged at the top level).</summary>
    public sealed record ListenMetadata(Guid CallId, Guid TenantId, Guid AgentId, string? Token, int SampleRate)
    {
        public static ListenMetadata? TryParse(ReadOnlySpan<byte> json)
        {
            try
            {
                var reader = new Utf8JsonReader(json);
                using var document = JsonDocument.ParseValue(ref reader);
                var root = document.RootElement;
                return root.ValueKind == JsonValueKind.Object
                    && Guid.TryParse(Text(root, "invortoCallId"), out var callId)
                    && Guid.TryParse(Text(root, "tenantId"), out var tenantId)
                    && Guid.TryParse(Text(root, "agentId"), out var agentId)
                        ? new ListenMetadata(callId, tenantId, agentId, Text(root, "token"), root.TryGetProperty("sampleRate", out var rate) && rate.TryGetInt32(out var hz) ? hz : 16000)
                        : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private static string? Text(JsonElement root, string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
