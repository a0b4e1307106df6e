using System.Net.WebSockets;
using Invorto.Infrastructure.Realtime;
using Invorto.Realtime.Authentication;
using Invorto.Realtime.Transports;
using Microsoft.Extensions.Options;

namespace Invorto.Realtime.Endpoints;

/// <summary>
/// Twilio media streams (spec §5.3) at <c>/realtime/twilio</c>: JSON text frames only. <c>connected</c> may come first;
/// then the <c>start</c> event's custom parameters carry our call id and the token the voice hook minted. Anything else
/// first, or a malformed <c>start</c>, closes with 4400; a missing or forged token, or no <c>start</c> within
/// <see cref="RealtimeEdgeOptions.AuthenticationTimeout"/>, closes with 4401; an address with too many sockets still
/// waiting to authenticate is closed with 4429. Then <see cref="TwilioTransport"/> carries the call.
/// </summary>
public static partial class TwilioMediaEndpoint
{
    public const string Path = "/realtime/twilio";

    public static IEndpointRouteBuilder MapTwilioMedia(this IEndpointRouteBuilder endpoints)
    {
        endpoints.Map(Path, HandleAsync).WithName("TwilioMedia");
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

        var logger = loggers.CreateLogger(typeof(TwilioMediaEndpoint));
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        await using var connection = new SocketConnection(socket, TwilioTransport.MaxTextBytes);
        var cancellation = context.RequestAborted;
        var remote = context.Connection.RemoteIpAddress;
        try
        {
            var start = await TelephonySocketGate.AuthenticateAsync(
                connection,
                unauthenticated,
                remote,
                token => AuthenticateAsync(connection, tokens, options.Value.AuthenticationTimeout, token),
                (address, reason) => LogRefused(logger, address, reason),
                cancellation);
            if (start is null)
            {
                return;
            }

            await runner.RunCallAsync(context.RequestServices, start.CallId, start.TenantId, connection, new TwilioTransport(connection, start.StreamSid), TwilioTransport.SessionRate, cancellation);
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

    /// <summary>Skips <c>connected</c>, expects <c>start</c>, all within one deadline.</summary>
    private static async Task<SocketHandshake<TwilioStreamStart>> AuthenticateAsync(SocketConnection connection, ListenToken tokens, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (true)
        {
            var remaining = TimeSpan.FromMilliseconds(Math.Max(0, deadline - Environment.TickCount64));
            var received = await connection.ReceiveWithinAsync(TwilioTransport.MaxTextBytes, remaining, cancellationToken);
            if (received.TimedOut)
            {
                return SocketHandshake<TwilioStreamStart>.Refused(RealtimeCloseCodes.InvalidApiKey, "start expected within the authentication timeout");
            }

            if (received.Type is null)
            {
                return SocketHandshake<TwilioStreamStart>.Refused(RealtimeCloseCodes.TooBig, "message too big");
            }

            var kind = received.Type == WebSocketMessageType.Text ? TwilioStreamStart.EventOf(connection.Message.Span) : null;
            if (kind == "connected")
            {
                continue;
            }

            if (kind != "start")
            {
                return SocketHandshake<TwilioStreamStart>.Refused(RealtimeCloseCodes.BadRequest, "start event expected");
            }

            var start = TwilioStreamStart.TryParse(connection.Message.Span, out var problem);
            if (problem is not null)
            {
                return SocketHandshake<TwilioStreamStart>.Refused(RealtimeCloseCodes.BadRequest, problem);
            }

            return start is not null && tokens.Verify(start.Token, start.CallId, start.TenantId, start.AgentId)
                ? SocketHandshake<TwilioStreamStart>.Accepted(start)
                : SocketHandshake<TwilioStreamStart>.Refused(RealtimeCloseCodes.InvalidApiKey, "invalid_api_key");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a Twilio media stream from {Remote}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string? remote, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Twilio media stream dropped: {Reason}")]
    private static partial void LogDropped(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Twilio media stream failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
