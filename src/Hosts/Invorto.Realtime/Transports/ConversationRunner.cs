using System.Net.WebSockets;
using Invorto.Application.Concurrency;
using Invorto.Application.Conversations;
using Invorto.Application.Conversations.Engine;
using Invorto.Application.Conversations.Transport;
using Invorto.Application.Conversations.Usage;

namespace Invorto.Realtime.Transports;

/// <summary>
/// Runs one call's conversation on an accepted socket, the same for every transport: registers the session (one per
/// call), keeps the call alive (slot renewal and heartbeat), starts the engine, pumps the far end's messages into it
/// until either side ends, and then closes everything it opened and settles the call.
/// </summary>
public sealed partial class ConversationRunner(
    ConversationSessionFactory engines,
    CallSessionKeepAliveFactory keepAlives,
    RealtimeSessions sessions,
    IServiceScopeFactory scopes,
    ILogger<ConversationRunner> logger)
{
    private static readonly TimeSpan CloseHandshake = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Returns the end reason, or null when the call already has a live session (the caller closes with 4409). The far
    /// end's frames go through <paramref name="codec"/> and <see cref="SocketReceiveLoop"/>; the codec's farewell tells
    /// the far end the session is over before the socket closes.
    /// </summary>
    public async Task<string?> RunAsync(
        ConversationSetup setup,
        SocketConnection connection,
        IWireCodec codec,
        int sampleRate,
        CancellationToken cancellationToken)
    {
        using var stopReceiving = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConversationSession? session = null;
        using var registration = sessions.TryOpen(setup.CallId, codec.Name, sampleRate, () => connection.LastReceivedTicks, () => session?.RequestStop(ConversationEndReasons.Hangup));
        if (registration is null)
        {
            return null;
        }

        var reason = ConversationEndReasons.Error;
        CallSessionKeepAlive? keepAlive = null;
        try
        {
            if (!setup.IsCanary)
            {
                keepAlive = await keepAlives.StartAsync(setup.CallId, setup.TenantId, setup.CampaignId, setup.TenantConcurrencyLimit, codec.Name, cancellationToken);
            }

            session = await engines.StartAsync(setup, codec, sampleRate, cancellationToken);
            var receiving = SocketReceiveLoop.RunAsync(connection, codec, session, registration, logger, stopReceiving.Token);
            var first = await Task.WhenAny(receiving, session.Completion);
            if (first == receiving)
            {
                session.RequestStop(await Outcome(receiving));
            }

            reason = await session.Completion;
            await FarewellAsync(connection, codec, reason);

            // Also answers a close the far end started, so it sees a clean 1000 rather than a dropped connection.
            await connection.CloseAsync(reason == ConversationEndReasons.ProviderUnavailable ? RealtimeCloseCodes.ProviderUnavailable : RealtimeCloseCodes.Normal, reason, CancellationToken.None);

            if (!receiving.IsCompleted)
            {
                if (await Task.WhenAny(receiving, Task.Delay(CloseHandshake, CancellationToken.None)) != receiving)
                {
                    await stopReceiving.CancelAsync();
                }

                await Outcome(receiving);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            LogDropped(logger, setup.CallId, exception.Message);
            reason = ConversationEndReasons.Hangup;
        }
        catch (Exception exception)
        {
            LogFailed(logger, setup.CallId, exception);
            await connection.CloseAsync(RealtimeCloseCodes.Internal, "internal_error", CancellationToken.None);
        }
        finally
        {
            if (session is not null)
            {
                session.RequestStop(ConversationEndReasons.Hangup);
                await session.DisposeAsync();
            }

            if (keepAlive is not null)
            {
                await keepAlive.DisposeAsync();
            }

            await SettleAsync(setup, reason, session?.Kpis, session?.Usage);
        }

        return reason;
    }

    /// <summary>
    /// Runs the conversation of an existing phone call (the telephony transports): loads its setup, closing with the
    /// matching code when the call is unknown or over, and with 4409 when it already has a live session.
    /// </summary>
    public async Task RunCallAsync(
        IServiceProvider services,
        Guid callId,
        Guid tenantId,
        SocketConnection connection,
        IWireCodec codec,
        int sampleRate,
        CancellationToken cancellationToken)
    {
        Application.Common.Result<ConversationSetup> loaded;
        await using (var scope = services.CreateAsyncScope())
        {
            loaded = await scope.ServiceProvider.GetRequiredService<LoadCallConversationHandler>().HandleAsync(callId, tenantId, cancellationToken);
        }

        if (!loaded.IsSuccess)
        {
            await connection.CloseAsync(RealtimeCloseCodes.For(loaded.Error.Code), loaded.Error.Code, cancellationToken);
            return;
        }

        if (await RunAsync(loaded.Value, connection, codec, sampleRate, cancellationToken) is null)
        {
            await connection.CloseAsync(RealtimeCloseCodes.Conflict, "conflict", cancellationToken);
        }
    }

    /// <summary>A far end that is already gone misses the farewell; the close that follows still answers its own.</summary>
    private static async Task FarewellAsync(SocketConnection connection, IWireCodec codec, string reason)
    {
        try
        {
            if (connection.IsOpen)
            {
                await codec.SendFarewellAsync(reason, CancellationToken.None);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or InvalidOperationException or ObjectDisposedException)
        {
            // Closed under us.
        }
    }

    private static async Task<string> Outcome(Task<string> receiving)
    {
        try
        {
            return await receiving;
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            return ConversationEndReasons.Hangup;
        }
    }

    private async Task SettleAsync(ConversationSetup setup, string reason, ConversationKpis? kpis, ConversationUsage? usage)
    {
        if (setup.IsCanary)
        {
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<EndConversationHandler>().HandleAsync(setup, reason, kpis, usage ?? ConversationUsage.None, CancellationToken.None);
        }
        catch (Exception exception)
        {
            LogSettleFailed(logger, setup.CallId, exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Call {CallId}: media socket dropped: {Reason}")]
    private static partial void LogDropped(ILogger logger, Guid callId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Call {CallId}: the media session failed")]
    private static partial void LogFailed(ILogger logger, Guid callId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Call {CallId}: the call could not be settled after its session ended")]
    private static partial void LogSettleFailed(ILogger logger, Guid callId, Exception exception);
}
