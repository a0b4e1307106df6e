using Hangfire;
using Invorto.Application.Calls.PostCall;
using Microsoft.Extensions.Logging;

namespace Invorto.Infrastructure.Jobs;

/// <summary>Hangfire's entry to <see cref="ProcessEndedCallsHandler"/> (transcripts and summaries); one run at a time across every server.</summary>
public sealed partial class PostCallJob(ProcessEndedCallsHandler handler, ILogger<PostCallJob> logger)
{
    public const string RecurringJobId = "post-call";

    [DisableConcurrentExecution(timeoutInSeconds: 50)]
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var processed = await handler.HandleAsync(cancellationToken);
        if (processed > 0)
        {
            LogProcessed(logger, processed);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Wrote the transcript and summary of {Count} ended call(s)")]
    private static partial void LogProcessed(ILogger logger, int count);
}
