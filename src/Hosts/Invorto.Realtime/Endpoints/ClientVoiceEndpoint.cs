using System.Net.WebSockets;
using System.Text.Json;
using Invorto.Application.Conversations;
using Invorto.Application.Conversations.Engine;
using Invorto.Application.Conversations.Transport;
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
    public const int MaxTextBytes = 64 * 1024;
    public const int MaxBinaryBytes = 16 * 1024;
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
        using var connection = new SocketConnection(socket, MaxTextBytes);
        try
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
            var transport = new ClientProtocolTransport(connection);
            await transport.SendReadyAsync(setup.CallId, command.SampleRate, cancellation);
            var reason = await runner.RunAsync(
                setup,
                connection,
                transport,
                command.SampleRate,
                (session, registration, token) => ReceiveAsync(connection, transport, session, registration, token),
                (why, token) => transport.SendEndAsync(why, token).AsTask(),
                cancellation);
            if (reason is null)
            {
                await connection.CloseAsync(RealtimeCloseCodes.Conflict, "conflict", cancellation);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            LogDropped(logger, exception.Message);
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
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        WebSocketMessageType? type;
        try
        {
            type = await connection.ReceiveAsync(MaxTextBytes, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return StartReceipt.Refused(RealtimeCloseCodes.BadRequest, "start expected within 10 s");
        }

        return type switch
        {
            null => StartReceipt.Refused(RealtimeCloseCodes.TooBig, "message too big"),
            WebSocketMessageType.Close => StartReceipt.Refused(RealtimeCloseCodes.Normal, "bye"),
            WebSocketMessageType.Text => StartMessage.TryParse(connection.Message.Span, out var start, out var problem)
                ? new StartReceipt(start, null)
                : StartReceipt.Refused(RealtimeCloseCodes.BadRequest, problem),
            _ => StartReceipt.Refused(RealtimeCloseCodes.BadRequest, "start expected before audio"),
        };
    }

    private static async Task<string> ReceiveAsync(SocketConnection connection, ClientProtocolTransport transport, ConversationSession session, RealtimeSessions.Session registration, CancellationToken cancellationToken)
    {
        while (true)
        {
            var type = await connection.ReceiveAsync(MaxTextBytes, cancellationToken);
            switch (type)
            {
                case null:
                    await connection.CloseAsync(RealtimeCloseCodes.TooBig, "message too big", cancellationToken);
                    return ConversationEndReasons.Error;
                case WebSocketMessageType.Close:
                    return ConversationEndReasons.Hangup;
                case WebSocketMessageType.Binary when connection.Message.Length > MaxBinaryBytes:
                    await connection.CloseAsync(RealtimeCloseCodes.TooBig, "audio frame too big", cancellationToken);
                    return ConversationEndReasons.Error;
                case WebSocketMessageType.Binary:
                    registration.AudioReceived(connection.Message.Length);
                    await session.ReceiveAudioAsync(connection.Message, cancellationToken);
                    break;
                default:
                    var outcome = await HandleTextAsync(connection.Message, transport, session, cancellationToken);
                    if (outcome is not null)
                    {
                        if (outcome == ConversationEndReasons.Error)
                        {
                            await connection.CloseAsync(RealtimeCloseCodes.BadRequest, "bad_request", cancellationToken);
                        }

                        return outcome;
                    }

                    break;
            }
        }
    }

    private static async Task<string?> HandleTextAsync(ReadOnlyMemory<byte> message, ClientProtocolTransport transport, ConversationSession session, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message);
        }
        catch (JsonException)
        {
            return ConversationEndReasons.Error;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("t", out var kind) || kind.ValueKind != JsonValueKind.String)
            {
                return ConversationEndReasons.Error;
            }

            switch (kind.GetString())
            {
                case "end":
                    return ConversationEndReasons.Client;
                case "dtmf" when root.TryGetProperty("digits", out var digits) && digits.ValueKind == JsonValueKind.String:
                    session.ReceiveDigits(digits.GetString()!);
                    return null;
                case "tool.result" when root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String:
                    var result = root.TryGetProperty("result", out var value) ? value.GetRawText() : "null";
                    if (!session.ReceiveToolResult(id.GetString()!, result))
                    {
                        await transport.SendErrorAsync("not_found", "No tool call with that id is waiting.", cancellationToken);
                    }

                    return null;
                case "start":
                    await transport.SendErrorAsync("conflict", "The session has already started.", cancellationToken);
                    return null;
                default:
                    await transport.SendErrorAsync("bad_request", $"Unknown or incomplete message '{kind.GetString()}'.", cancellationToken);
                    return null;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Client voice socket dropped: {Reason}")]
    private static partial void LogDropped(ILogger logger, string reason);

    private sealed record StartReceipt(StartMessage? Message, (WebSocketCloseStatus Status, string Reason)? Error)
    {
        public static StartReceipt Refused(WebSocketCloseStatus status, string reason) => new(null, (status, reason));
    }
}
