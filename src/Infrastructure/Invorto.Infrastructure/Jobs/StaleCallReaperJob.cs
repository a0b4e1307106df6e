using Hangfire;
using Invorto.Application.Calls.ReapStaleCalls;
using Microsoft.Extensions.Logging;

namespace Invorto.Infrastructure.Jobs;

/// <summary>Hangfire's entry to <see cref="ReapStaleCallsHandler"/>; one run at a time across every server.</summary>
public sealed partial class StaleCallReaperJob(ReapStaleCallsHandler handler, ILogger<StaleCallReaperJob> logger)
{
    public const string RecurringJobId = "stale-call-reaper";

    [DisableConcurrentExecution(timeoutInSeconds: 50)]
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var reaped = await handler.HandleAsync(cancellationToken);
        if (reaped > 0)
        {
            LogReaped(logger, reaped);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reaped {Count} stale call(s)")]
    private static partial void LogReaped(ILogger logger, int count);
}
