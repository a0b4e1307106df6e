using System.Net.WebSockets;
using Invorto.Application.Conversations;
using Invorto.Realtime.Authentication;
using Invorto.Realtime.Transports;

namespace Invorto.Realtime.Endpoints;

/// <summary>
/// The client protocol of spec §5.1 at <c>/realtime/voice</c> and <c>/v1/realtime/voice</c>: authenticate (failures
/// are closed after the upgrade so browsers can see why), wait for <c>start</c>, open or join the call, answer
/// <c>ready</c>, then stream audio both ways until either side ends.
/// </summary>
public static partial class ClientVoiceEndpoint
{
    public const int MaxTextBytes = ClientProtocolTransport.MaxTextBytes;
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(10);

    public static IEndpointRouteBuilder MapClientVoice(this IEndpointRouteBuilder endpoints)
    {
        endpoints.Map("/realtime/voice", HandleAsync).WithName("RealtimeVoice");
        endpoints.Map("/v1/realtime/voice", HandleAsync).WithName("RealtimeVoiceV1");
        return endpoints;
    }

    public static async Task HandleAsync(
        HttpContext context,
        RealtimeConnectLimiter connects,
        ConversationRunner runner,
        ILoggerFactory loggers)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var cancellation = context.RequestAborted;
        var logger = loggers.CreateLogger(typeof(ClientVoiceEndpoint));
        var auth = await AuthenticateAsync(context, cancellation);
        using var socket = await context.WebSockets.AcceptWebSocketAsync(auth.EchoSubprotocol);
        await using var connection = new SocketConnection(socket, MaxTextBytes);
        try
        {
            await RunAsync(context, auth, connection, connects, runner, cancellation);
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

    private static async Task RunAsync(HttpContext context, RealtimeAuthResult auth, SocketConnection connection, RealtimeConnectLimiter connects, ConversationRunner runner, CancellationToken cancellation)
    {
        if (auth.Credential is null)
        {
            await connection.CloseAsync(RealtimeCloseCodes.InvalidApiKey, auth.FailureCode ?? "invalid_api_key", cancellation);
            return;
        }

        if (!connects.TryAcquire(auth.Credential))
        {
            await connection.CloseAsync(RealtimeCloseCodes.QuotaExceeded, "quota_exceeded", cancellation);
            return;
        }

        var start = await ReceiveStartAsync(connection, cancellation);
        if (start.Error is { } refusal)
        {
            await connection.CloseAsync(refusal.Status, refusal.Reason, cancellation);
            return;
        }

        var requestedCallId = start.Message!.CallId ?? context.Request.Query["callId"].FirstOrDefault();
        var command = new OpenWebSessionCommand(auth.Credential, requestedCallId, start.Message.AgentId, start.Message.Locale, start.Message.SampleRate);
        var opened = await OpenAsync(context, command, cancellation);
        if (!opened.IsSuccess)
        {
            await connection.CloseAsync(RealtimeCloseCodes.For(opened.Error.Code), opened.Error.Code, cancellation);
            return;
        }

        var setup = opened.Value;
        var codec = new ClientProtocolTransport(connection);
        await codec.SendReadyAsync(setup.CallId, command.SampleRate, cancellation);
        if (await runner.RunAsync(setup, connection, codec, command.SampleRate, cancellation) is null)
        {
            await connection.CloseAsync(RealtimeCloseCodes.Conflict, "conflict", cancellation);
        }
    }

    /// <summary>
    /// Authenticates in a scope of its own: the request's scope lives as long as the call and would keep the key lookup's
    /// database context (and its options) alive with every session.
    /// </summary>
    private static async Task<RealtimeAuthResult> AuthenticateAsync(HttpContext context, CancellationToken cancellationToken)
    {
        await using var scope = context.RequestServices.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RealtimeAuthenticator>().AuthenticateAsync(context, cancellationToken);
    }

    private static async Task<Application.Common.Result<ConversationSetup>> OpenAsync(HttpContext context, OpenWebSessionCommand command, CancellationToken cancellationToken)
    {
        await using var scope = context.RequestServices.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OpenWebSessionHandler>().HandleAsync(command, cancellationToken);
    }

    private static async Task<StartReceipt> ReceiveStartAsync(SocketConnection connection, CancellationToken cancellationToken)
    {
        var received = await connection.ReceiveWithinAsync(MaxTextBytes, StartTimeout, cancellationToken);
        if (received.TimedOut)
        {
            return StartReceipt.Refused(RealtimeCloseCodes.BadRequest, "start expected within 10 s");
        }

        return received.Type switch
        {
            null => StartReceipt.Refused(RealtimeCloseCodes.TooBig, "message too big"),
            WebSocketMessageType.Close => StartReceipt.Refused(RealtimeCloseCodes.Normal, "bye"),
            WebSocketMessageType.Text => StartMessage.TryParse(connection.Message.Span, out var start, out var problem)
                ? new StartReceipt(start, null)
                : StartReceipt.Refused(RealtimeCloseCodes.BadRequest, problem),
            _ => StartReceipt.Refused(RealtimeCloseCodes.BadRequest, "start expected before audio"),
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Client voice socket dropped: {Reason}")]
    private static partial void LogDropped(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Client voice socket failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    private sealed record StartReceipt(StartMessage? Message, (WebSocketCloseStatus Status, string Reason)? Error)
    {
        public static StartReceipt Refused(WebSocketCloseStatus status, string reason) => new(null, (status, reason));
    }
}
