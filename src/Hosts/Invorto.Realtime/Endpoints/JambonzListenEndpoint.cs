using System.Net.WebSockets;
using Invorto.Infrastructure.Realtime;
using Invorto.Realtime.Authentication;
using Invorto.Realtime.Transports;
using Microsoft.Extensions.Options;

namespace Invorto.Realtime.Endpoints;

/// <summary>
/// The socket Jambonz's <c>listen</c> verb opens (spec §5.2): a metadata text frame first, carrying the token our
/// call hook minted. Malformed metadata closes with 4400; a missing or forged token, or none within
/// <see cref="RealtimeEdgeOptions.AuthenticationTimeout"/>, closes with 4401 and starts nothing; an address with too many
/// sockets still waiting to authenticate is closed with 4429. Then <see cref="JambonzTransport"/> carries the call.
/// </summary>
public static partial class JambonzListenEndpoint
{
    public const string Path = "/realtime/jambonz";
    public const int MaxMetadataBytes = 8192;
    private static readonly string[] Subprotocols = ["audio.jambonz.org", "audio.drachtio.org"];

    public static IEndpointRouteBuilder MapJambonzListen(this IEndpointRouteBuilder endpoints)
    {
        endpoints.Map(Path, HandleAsync).WithName("JambonzListen");
        return endpoints;
    }

    public static async Task HandleAsync(
        HttpContext context,
        ListenToken tokens,
        ConversationRunner runner,
        UnauthenticatedSocketLimiter unauthenticated,
        IOptions<RealtimeEdgeOptions> options,
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
        await using var connection = new SocketConnection(socket, JambonzTransport.MaxFrameBytes);
        var cancellation = context.RequestAborted;
        var remote = context.Connection.RemoteIpAddress;
        try
        {
            var metadata = await TelephonySocketGate.AuthenticateAsync(
                connection,
                unauthenticated,
                remote,
                token => AuthenticateAsync(connection, tokens, options.Value.AuthenticationTimeout, token),
                (address, reason) => LogRefused(logger, address, reason),
                cancellation);
            if (metadata is null)
            {
                return;
            }

            await runner.RunCallAsync(context.RequestServices, metadata.CallId, metadata.TenantId, connection, new JambonzTransport(connection), metadata.SampleRate, cancellation);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            LogDropped(logger, exception.Message);
        }
        catch (Exception exception)
        {
            LogFailed(logger, exception);
            await connection.CloseAsync(RealtimeCloseCodes.Internal, "internal_error", CancellationToken.None);
        }
    }

    private static async Task<SocketHandshake<ListenMetadata>> AuthenticateAsync(SocketConnection connection, ListenToken tokens, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var first = await connection.ReceiveWithinAsync(MaxMetadataBytes, timeout, cancellationToken);
        if (first.TimedOut)
        {
            return SocketHandshake<ListenMetadata>.Refused(RealtimeCloseCodes.InvalidApiKey, "metadata expected within the authentication timeout");
        }

        if (first.Type is null)
        {
            return SocketHandshake<ListenMetadata>.Refused(RealtimeCloseCodes.TooBig, "metadata over 8 KB");
        }

        if (first.Type != WebSocketMessageType.Text)
        {
            return SocketHandshake<ListenMetadata>.Refused(RealtimeCloseCodes.BadRequest, "metadata text frame expected first");
        }

        var metadata = ListenMetadata.TryParse(connection.Message.Span, out var problem);
        if (problem is not null)
        {
            return SocketHandshake<ListenMetadata>.Refused(RealtimeCloseCodes.BadRequest, problem);
        }

        if (metadata is null || !tokens.Verify(metadata.Token, metadata.CallId, metadata.TenantId, metadata.AgentId))
        {
            return SocketHandshake<ListenMetadata>.Refused(RealtimeCloseCodes.InvalidApiKey, "invalid_api_key");
        }

        return metadata.SampleRate is 8000 or 16000
            ? SocketHandshake<ListenMetadata>.Accepted(metadata)
            : SocketHandshake<ListenMetadata>.Refused(RealtimeCloseCodes.BadRequest, "sampleRate must be 8000 or 16000");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a Jambonz listen socket from {Remote}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string? remote, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Jambonz listen socket dropped: {Reason}")]
    private static partial void LogDropped(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Jambonz listen socket failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
