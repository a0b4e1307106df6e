using Hangfire;
using Invorto.Application.Calls.ReapStaleCalls;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Invorto.Infrastructure.Jobs;

/// <summary>Hangfire's entry to <see cref="ReapStaleCallsHandler"/>; one run at a time across every server.</summary>
public sealed partial class StaleCallReaperJob(ReapStaleCallsHandler handler, ILogger<StaleCallReaperJob> logger)
{
    public const string RecurringJobId = "stale-call-reaper";

    [DisableConcurrentExecution(timeoutInSeconds: 50)]
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        int reaped;
        try
        {
            reaped = await handler.HandleAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException)
        {
            // Unanswered calls were reaped already; answered ones wait until their heartbeats can be read again.
            LogHeartbeatsUnreadable(logger, ex);
            return;
        }

        if (reaped > 0)
        {
            LogReaped(logger, reaped);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session heartbeats cannot be read; no call in progress was reaped this run")]
    private static partial void LogHeartbeatsUnreadable(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reaped {Count} stale call(s)")]
    private static partial void LogReaped(ILogger logger, int count);
}
