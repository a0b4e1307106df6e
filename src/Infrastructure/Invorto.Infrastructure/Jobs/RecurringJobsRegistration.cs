using Hangfire;
using Microsoft.Extensions.Hosting;

namespace Invorto.Infrastructure.Jobs;

/// <summary>Declares the platform's recurring jobs when the job server starts (idempotent: AddOrUpdate).</summary>
internal sealed class RecurringJobsRegistration(IRecurringJobManager recurringJobs) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurringJobs.AddOrUpdate<StaleCallReaperJob>(StaleCallReaperJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        recurringJobs.AddOrUpdate<PostCallJob>(PostCallJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
