using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using Invorto.Application.Abstractions;
using Invorto.Application.Concurrency;
using Invorto.Domain.Calls;
using Invorto.Domain.Tenants;
using Invorto.Infrastructure.Realtime;

namespace Invorto.Realtime.Endpoints;

/// <summary>
/// The socket Jambonz's <c>listen</c> verb opens (spec §5.2): a metadata text frame first, carrying the token our
/// call hook minted; a missing or forged token closes with 4401 and starts nothing. Then binary L16 audio.
/// While the socket lives, the call's concurrency slot is renewed every third of its TTL and its session heartbeat written
/// (<see cref="CallSessionKeepAlive"/>). The conversation engine that answers the audio is not here yet: the stream is
/// accepted, accounted and drained.
/// </summary>
public static partial class JambonzListenEndpoint
{
    public const string Path = "/realtime/jambonz";
    public const int MaxMetadataBytes = 8192;
    public const int MaxFrameBytes = 16 * 1024;
    public const WebSocketCloseStatus InvalidApiKey = (WebSocketCloseStatus)4401;
    public const WebSocketCloseStatus BadRequest = (WebSocketCloseStatus)4400;
    public const WebSocketCloseStatus NotFound = (WebSocketCloseStatus)4404;
    public const string TransportName = "jambonz";
    private static readonly string[] Subprotocols = ["audio.jambonz.org", "audio.drachtio.org"];

    public static IEndpointRouteBuilder MapJambonzListen(this IEndpointRouteBuilder endpoints)
    {
        endpoints.Map(Path, HandleAsync).WithName("JambonzListen");
        return endpoints;
    }

    public static async Task HandleAsync(
        HttpContext context,
        ListenToken tokens,
        RealtimeSessions sessions,
        IReadRepository<Call> calls,
        IReadRepository<Tenant> tenants,
        CallSessionKeepAliveFactory keepAlives,
        ILoggerFactory loggers)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var logger = loggers.CreateLogger(typeof(JambonzListenEndpoint));
        var subprotocol = context.WebSockets.WebSocketRequestedProtocols.FirstOrDefault(p => Subprotocols.Contains(p, StringComparer.OrdinalIgnoreCase));
        using var socket = await context.WebSockets.AcceptWebSocketAsync(subprotocol);
        var cancellation = context.RequestAborted;
        var buffer = ArrayPool<byte>.Shared.Rent(MaxFrameBytes);
        try
        {
            var first = await ReceiveMessageAsync(socket, buffer, MaxMetadataBytes, cancellation);
            if (first is not { Type: WebSocketMessageType.Text } metadataFrame)
            {
                await CloseAsync(socket, BadRequest, "metadata text frame expected first", cancellation);
                return;
            }

            var metadata = ListenMetadata.TryParse(buffer.AsSpan(0, metadataFrame.Count));
            if (metadata is null || !tokens.Verify(metadata.Token, metadata.CallId, metadata.TenantId, metadata.AgentId))
            {
                LogRefused(logger, context.Connection.RemoteIpAddress?.ToString());
                await CloseAsync(socket, InvalidApiKey, "invalid_api_key", cancellation);
                return;
            }

            var call = await calls.GetByIdAsync(metadata.CallId, cancellation);
            if (call is null || call.TenantId != metadata.TenantId || call.Status.IsTerminal())
            {
                await CloseAsync(socket, NotFound, "not_found", cancellation);
                return;
            }

            var tenant = await tenants.GetByIdAsync(call.TenantId, cancellation);
            using var session = sessions.Open(metadata.CallId, metadata.SampleRate);
            await using var keepAlive = await keepAlives.StartAsync(call.Id, call.TenantId, call.CampaignId, tenant?.MaxConcurrentCalls, TransportName, cancellation);
            while (true)
            {
                var message = await ReceiveMessageAsync(socket, buffer, MaxFrameBytes, cancellation);
                if (message is null)
                {
                    await CloseAsync(socket, WebSocketCloseStatus.MessageTooBig, "frame too big", cancellation);
                    return;
                }

                if (message.Value.Type == WebSocketMessageType.Close)
                {
                    await CloseAsync(socket, WebSocketCloseStatus.NormalClosure, "bye", cancellation);
                    return;
                }

                if (message.Value.Type == WebSocketMessageType.Binary)
                {
                    session.AudioReceived(message.Value.Count);
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            LogDropped(logger, exception.Message);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<(WebSocketMessageType Type, int Count)?> ReceiveMessageAsync(WebSocket socket, byte[] buffer, int limit, CancellationToken cancellation)
    {
        var count = 0;
        while (true)
        {
            if (count >= limit)
            {
                return null;
            }

            var result = await socket.ReceiveAsync(buffer.AsMemory(count, Math.Min(limit, buffer.Length) - count), cancellation);
            count += result.Count;
            if (result.MessageType == WebSocketMessageType.Close || result.EndOfMessage)
            {
                return (result.MessageType, count);
            }
        }
    }

    private static Task CloseAsync(WebSocket socket, WebSocketCloseStatus status, string reason, CancellationToken cancellation) =>
        socket.State is WebSocketState.Open or WebSocketState.CloseReceived
            ? socket.CloseAsync(status, reason, cancellation)
            : Task.CompletedTask;

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
