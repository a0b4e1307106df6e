using Hangfire;
using Hangfire.Storage;
using Invorto.Application.Abstractions;
using Invorto.Application.Calls.ReapStaleCalls;
using Invorto.Application.Conversations;
using Invorto.Domain.Agents;
using Invorto.Domain.Calls;
using Invorto.Domain.Concurrency;
using Invorto.Infrastructure.Jobs;
using Invorto.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Invorto.Hosts.Tests;

[Collection(HostsCollection.Name)]
public sealed class StaleCallReaperTests(HostsFixture hosts)
{
    [Fact]
    public async Task Unanswered_call_past_the_ring_timeout_is_failed_as_stale_and_its_slot_released()
    {
        var tenant = await hosts.CreateTenantAsync("reaper");
        var limiter = hosts.Api.App.Services.GetRequiredService<IConcurrencyLimiter>();
        var now = DateTimeOffset.UtcNow;
        var agent = Agent.Create(Guid.CreateVersion7(), tenant.TenantId, "A", """{"prompt":"p"}""", now);
        var stale = Call.PlaceOutbound(Guid.CreateVersion7(), tenant.TenantId, agent.Id, 1, "+918000000001", "+919800000002", "jambonz", null, now.AddMinutes(-5));
        stale.ApplyStatus(CallStatus.Ringing, now.AddMinutes(-5));
        var fresh = Call.PlaceOutbound(Guid.CreateVersion7(), tenant.TenantId, agent.Id, 1, "+918000000001", "+919800000003", "jambonz", null, now);
        var answered = Call.PlaceOutbound(Guid.CreateVersion7(), tenant.TenantId, agent.Id, 1, "+918000000001", "+919800000004", "jambonz", null, now.AddMinutes(-5));
        answered.ApplyStatus(CallStatus.InProgress, now.AddMinutes(-4));
        await using (var scope = hosts.Api.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<InvortoDbContext>();
            db.AddRange(agent, stale, fresh, answered);
            await db.SaveChangesAsync();
        }

        foreach (var call in new[] { stale, fresh, answered })
        {
            (await limiter.AcquireAsync(new ConcurrencyRequest(SlotId.ForCall(call.Id), tenant.TenantId, TenantLimit: 10), CancellationToken.None)).Outcome.ShouldBe(AdmissionOutcome.Admitted);
        }

        await using (var scope = hosts.Api.App.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<ReapStaleCallsHandler>().HandleAsync(CancellationToken.None)).ShouldBeGreaterThanOrEqualTo(1);
        }

        await using var read = hosts.Api.App.Services.CreateAsyncScope();
        var calls = await read.ServiceProvider.GetRequiredService<InvortoDbContext>().Calls.AsNoTracking().Include(c => c.Events)
            .Where(c => c.TenantId == tenant.TenantId).ToDictionaryAsync(c => c.Id);
        calls[stale.Id].Status.ShouldBe(CallStatus.Failed);
        calls[stale.Id].EndReason.ShouldBe("stale");
        calls[stale.Id].Events.ShouldContain(e => e.Kind == "call.reaped");
        calls[fresh.Id].Status.ShouldBe(CallStatus.Queued);
        calls[answered.Id].Status.ShouldBe(CallStatus.InProgress);
        (await limiter.CountAsync(ConcurrencyScope.ForTenant(tenant.TenantId, 10), CancellationToken.None)).ShouldBe(2);
    }

    [Fact]
    public async Task In_progress_call_without_a_heartbeat_is_reaped_and_one_with_a_fresh_heartbeat_is_left_alone()
    {
        var tenant = await hosts.CreateTenantAsync("reaper-heartbeat");
        var limiter = hosts.Api.App.Services.GetRequiredService<IConcurrencyLimiter>();
        var now = DateTimeOffset.UtcNow;
        var agent = Agent.Create(Guid.CreateVersion7(), tenant.TenantId, "A", """{"prompt":"p"}""", now);
        var silent = Call.PlaceOutbound(Guid.CreateVersion7(), tenant.TenantId, agent.Id, 1, "+918000000001", "+919800000005", "jambonz", null, now.AddMinutes(-31));
        silent.ApplyStatus(CallStatus.InProgress, now.AddMinutes(-30));
        var live = Call.PlaceOutbound(Guid.CreateVersion7(), tenant.TenantId, agent.Id, 1, "+918000000001", "+919800000006", "jambonz", null, now.AddMinutes(-31));
        live.ApplyStatus(CallStatus.InProgress, now.AddMinutes(-30));
        await using (var scope = hosts.Api.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<InvortoDbContext>();
            db.AddRange(agent, silent, live);
            await db.SaveChangesAsync();
        }

        foreach (var call in new[] { silent, live })
        {
            (await limiter.AcquireAsync(new ConcurrencyRequest(SlotId.ForCall(call.Id), tenant.TenantId, TenantLimit: 10), CancellationToken.None)).Outcome.ShouldBe(AdmissionOutcome.Admitted);
        }

        // The realtime service beats for the live call; the job runs in the webhooks service: they share the heartbeat store.
        await hosts.Realtime.App.Services.GetRequiredService<ISessionHeartbeat>()
            .BeatAsync(new SessionBeat(live.Id, tenant.TenantId, "jambonz", "realtime-test", DateTimeOffset.UtcNow), CancellationToken.None);
        await using (var scope = hosts.Webhooks.App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<StaleCallReaperJob>().RunAsync(CancellationToken.None);
        }

        var reaped = await hosts.LoadCallAsync(silent.Id);
        reaped.Status.ShouldBe(CallStatus.Failed);
        reaped.EndReason.ShouldBe("stale");
        reaped.Events.ShouldContain(e => e.Kind == "call.reaped");
        (await hosts.LoadCallAsync(live.Id)).Status.ShouldBe(CallStatus.InProgress);
        (await limiter.CountAsync(ConcurrencyScope.ForTenant(tenant.TenantId, 10), CancellationToken.None)).ShouldBe(1);
    }

    [Fact]
    public void Webhooks_service_schedules_the_reaper_every_minute()
    {
        using var connection = hosts.Webhooks.App.Services.GetRequiredService<JobStorage>().GetConnection();

        var job = connection.GetRecurringJobs().SingleOrDefault(j => j.Id == StaleCallReaperJob.RecurringJobId);

        job.ShouldNotBeNull();
        job.Cron.ShouldBe(Cron.Minutely());
    }
}
