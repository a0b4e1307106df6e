using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Invorto.Application.Abstractions;
using Invorto.Domain.Concurrency;
using Invorto.Infrastructure.Concurrency;
using Microsoft.Extensions.DependencyInjection;

namespace Invorto.Infrastructure.Tests.Concurrency;

/// <summary>
/// What every <see cref="IConcurrencyLimiter"/> promises (spec §7). Each implementation runs the same cases through
/// a subclass that says how to build it and how time passes for it.
/// </summary>
public abstract class ConcurrencyLimiterContract : IDisposable
{
    protected static readonly Guid TenantId = Guid.Parse("0193a0c2-7a41-7cc1-9d2e-000000000001");
    protected static readonly Guid OtherTenantId = Guid.Parse("0193a0c2-7a41-7cc1-9d2e-000000000002");
    protected static readonly Guid CampaignId = Guid.Parse("0193a0c2-7a41-7cc1-9d2e-00000000000a");
    protected static readonly Guid OtherCampaignId = Guid.Parse("0193a0c2-7a41-7cc1-9d2e-00000000000b");

    private readonly ServiceProvider _metricsServices = new ServiceCollection().AddMetrics().BuildServiceProvider();

    protected IMeterFactory MeterFactory => _metricsServices.GetRequiredService<IMeterFactory>();

    /// <summary>The slot TTL the implementation is tested with (short for a real clock).</summary>
    protected abstract TimeSpan SlotTtl { get; }

    /// <summary>The clock the implementation's expiry follows, to measure elapsed time with.</summary>
    protected abstract TimeProvider Clock { get; }

    protected abstract IConcurrencyLimiter CreateLimiter(ConcurrencyPolicy policy, ConcurrencyMetrics metrics);

    /// <summary>Lets time pass as it does between a live session's renewals.</summary>
    protected abstract Task LetTimePassAsync(TimeSpan duration);

    /// <summary>Probes until <paramref name="done"/> holds, letting the implementation's time run; fails after a few TTLs.</summary>
    protected abstract Task<T> WaitUntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done);

    [Fact]
    public async Task A_call_under_every_limit_is_admitted_in_all_its_scopes()
    {
        var limiter = Limiter(global: 10, perCampaign: 5);
        var call = Call(campaignId: CampaignId, tenantLimit: 5);

        var admission = await limiter.AcquireAsync(call, default);

        admission.Outcome.ShouldBe(AdmissionOutcome.Admitted);
        admission.Scopes.Select(s => s.Kind).ShouldBe([ConcurrencyScopeKind.Global, ConcurrencyScopeKind.Tenant, ConcurrencyScopeKind.Campaign]);
        admission.ExpiresAt.ShouldNotBeNull();
        foreach (var scope in admission.Scopes)
        {
            (await limiter.CountAsync(scope, default)).ShouldBe(1);
        }
    }

    [Fact]
    public async Task Acquire_over_the_global_limit_is_rejected_naming_the_global_scope()
    {
        var limiter = Limiter(global: 2, perCampaign: 5);
        await AdmitAsync(limiter, Call());
        await AdmitAsync(limiter, Call(tenantId: OtherTenantId));

        var admission = await limiter.AcquireAsync(Call(), default);

        admission.Outcome.ShouldBe(AdmissionOutcome.Rejected);
        admission.RejectedBy!.Key.ShouldBe("global");
    }

    [Fact]
    public async Task Second_acquire_over_campaign_limit_is_rejected_naming_the_campaign()
    {
        var limiter = Limiter(global: 10, perCampaign: 1);
        await AdmitAsync(limiter, Call(campaignId: CampaignId));

        var admission = await limiter.AcquireAsync(Call(campaignId: CampaignId), default);

        admission.Outcome.ShouldBe(AdmissionOutcome.Rejected);
        admission.RejectedBy!.Key.ShouldBe($"campaign:{CampaignId}");
    }

    [Fact]
    public async Task Acquire_over_the_tenant_limit_is_rejected_naming_the_tenant()
    {
        var limiter = Limiter(global: 10, perCampaign: 5);
        await AdmitAsync(limiter, Call(tenantLimit: 2));
        await AdmitAsync(limiter, Call(campaignId: CampaignId, tenantLimit: 2));

        var admission = await limiter.AcquireAsync(Call(tenantLimit: 2), default);

        admission.Outcome.ShouldBe(AdmissionOutcome.Rejected);
        admission.RejectedBy!.Key.ShouldBe($"tenant:{TenantId}");
    }

    [Fact]
    public async Task A_cancelled_acquire_throws_and_takes_no_slot()
    {
        var limiter = Limiter(global: 10, perCampaign: 5);
        var call = Call(campaignId: CampaignId);

        var acquire = () => limiter.AcquireAsync(call, new CancellationToken(canceled: true));

        await acquire.ShouldThrowAsync<OperationCanceledException>();
        (await limiter.CountAsync(ConcurrencyScope.ForCampaign(CampaignId, 5), default)).ShouldBe(0);
    }

    [Fact]
    public async Task A_full_campaign_does_not_limit_another_campaign()
    {
        var limiter = Limiter(global: 10, perCampaign: 1);
        await AdmitAsync(limiter, Call(campaignId: CampaignId));

        var admission = await limiter.AcquireAsync(Call(campaignId: OtherCampaignId), default);

        admission.Outcome.ShouldBe(AdmissionOutcome.Admitted);
    }

    [Fact]
    public async Task A_rejected_acquire_leaves_no_slot_in_any_scope()
    {
        var limiter = Limiter(global: 10, perCampaign: 1);
        var first = await AdmitAsync(limiter, Call(campaignId: CampaignId, tenantLimit: 5));

        // Global and tenant have room; only the last scope, the campaign, is full.
        var rejected = await limiter.AcquireAsync(Call(campaignId: CampaignId, tenantLimit: 5), default);

        rejected.RejectedBy!.Kind.ShouldBe(ConcurrencyScopeKind.Campaign);
        foreach (var scope in first.Scopes)
        {
            (await limiter.CountAsync(scope, default)).ShouldBe(1);
        }
    }

    [Fact]
    public async Task Releasing_a_slot_twice_is_harmless_and_counts_stay_right()
    {
        var limiter = Limiter(global: 10, perCampaign: 5);
        var first = await AdmitAsync(limiter, Call(campaignId: CampaignId));
        await AdmitAsync(limiter, Call(campaignId: CampaignId));

        var once = await limiter.ReleaseAsync(first.Slot, first.Scopes, default);
        var twice = await limiter.ReleaseAsync(first.Slot, first.Scopes, default);

        once.ShouldBeTrue();
        twice.ShouldBeTrue();
        (await limiter.CountAsync(first.Scopes[0], default)).ShouldBe(1);
        (await limiter.CountAsync(first.Scopes[1], default)).ShouldBe(1);
    }

    [Fact]
    public async Task Releasing_a_slot_that_was_never_acquired_is_harmless()
    {
        var limiter = Limiter(global: 10, perCampaign: 5);
        var held = await AdmitAsync(limiter, Call(campaignId: CampaignId));

        var released = await limiter.ReleaseAsync(SlotId.ForCall(Guid.NewGuid()), held.Scopes, default);

        released.ShouldBeTrue();
        (await limiter.CountAsync(held.Scopes[1], default)).ShouldBe(1);
    }

    [Fact]
    public async Task A_released_slot_admits_the_next_caller()
    {
        var limiter = Limiter(global: 10, perCampaign: 1);
        var first = await AdmitAsync(limiter, Call(campaignId: CampaignId));
        var next = Call(campaignId: CampaignId);
        (await limiter.AcquireAsync(next, default)).Outcome.ShouldBe(AdmissionOutcome.Rejected);

        await limiter.ReleaseAsync(first.Slot, first.Scopes, default);
        var admission = await limiter.AcquireAsync(next, default);

        admission.Outcome.ShouldBe(AdmissionOutcome.Admitted);
    }

    [Fact]
    public async Task Acquiring_a_held_slot_again_admits_it_without_counting_it_twice()
    {
        var limiter = Limiter(global: 10, perCampaign: 1);
        var call = Call(campaignId: CampaignId);
        await AdmitAsync(limiter, call);

        var again = await limiter.AcquireAsync(call, default);

        again.Outcome.ShouldBe(AdmissionOutcome.Admitted);
        (await limiter.CountAsync(again.Scopes[1], default)).ShouldBe(1);
    }

    [Fact]
    public async Task The_slot_of_a_crashed_holder_is_reclaimed_after_the_ttl()
    {
        var limiter = Limiter(global: 10, perCampaign: 1);
        var started = Clock.GetTimestamp();
        await AdmitAsync(limiter, Call(campaignId: CampaignId));
        var next = Call(campaignId: CampaignId);
        (await limiter.AcquireAsync(next, default)).Outcome.ShouldBe(AdmissionOutcome.Rejected);

        var admission = await WaitUntilAsync(() => limiter.AcquireAsync(next, default), a => a.IsAdmitted);

        admission.Outcome.ShouldBe(AdmissionOutcome.Admitted);
        Clock.GetElapsedTime(started).ShouldBeGreaterThanOrEqualTo(SlotTtl);
    }

    [Fact]
    public async Task Renewing_keeps_a_slot_past_its_original_ttl()
    {
        var limiter = Limiter(global: 10, perCampaign: 1);
        var policy = Policy(global: 10, perCampaign: 1);
        var started = Clock.GetTimestamp();
        var held = await AdmitAsync(limiter, Call(campaignId: CampaignId));

        var renewals = new List<RenewalOutcome>();
        while (Clock.GetElapsedTime(started) < SlotTtl * 1.5)
        {
            await LetTimePassAsync(policy.RenewInterval);
            renewals.Add(await limiter.RenewAsync(held.Slot, held.Scopes, default));
        }

        renewals.ShouldAllBe(r => r == RenewalOutcome.Renewed);
        (await limiter.CountAsync(held.Scopes[1], default)).ShouldBe(1);
        (await limiter.AcquireAsync(Call(campaignId: CampaignId), default)).Outcome.ShouldBe(AdmissionOutcome.Rejected);
    }

    [Fact]
    public async Task Renewing_a_slot_that_was_never_acquired_reports_not_held_and_takes_nothing()
    {
        var limiter = Limiter(global: 10, perCampaign: 1);
        var scopes = Policy(global: 10, perCampaign: 1).ScopesFor(TenantId, CampaignId);

        var outcome = await limiter.RenewAsync(SlotId.ForCall(Guid.NewGuid()), scopes, default);

        outcome.ShouldBe(RenewalOutcome.NotHeld);
        (await limiter.CountAsync(scopes[1], default)).ShouldBe(0);
    }

    [Fact]
    public async Task Renewing_an_expired_slot_reports_not_held_and_does_not_revive_it()
    {
        var limiter = Limiter(global: 10, perCampaign: 1);
        var held = await AdmitAsync(limiter, Call(campaignId: CampaignId));
        await WaitUntilAsync(() => limiter.CountAsync(held.Scopes[1], default), count => count == 0);

        var outcome = await limiter.RenewAsync(held.Slot, held.Scopes, default);

        outcome.ShouldBe(RenewalOutcome.NotHeld);
        (await limiter.CountAsync(held.Scopes[1], default)).ShouldBe(0);
    }

    [Fact]
    public async Task Renewing_a_released_slot_reports_not_held()
    {
        var limiter = Limiter(global: 10, perCampaign: 1);
        var held = await AdmitAsync(limiter, Call(campaignId: CampaignId));
        await limiter.ReleaseAsync(held.Slot, held.Scopes, default);

        var outcome = await limiter.RenewAsync(held.Slot, held.Scopes, default);

        outcome.ShouldBe(RenewalOutcome.NotHeld);
    }

    [Fact]
    public async Task A_rejection_is_counted_by_the_kind_of_the_full_scope()
    {
        var metrics = new ConcurrencyMetrics(MeterFactory);
        var limiter = CreateLimiter(Policy(global: 10, perCampaign: 1), metrics);
        await AdmitAsync(limiter, Call(campaignId: CampaignId));
        var recorded = new ConcurrentQueue<(long Value, object? Scope)>();
        using var listener = ListenToRejections(recorded);

        await limiter.AcquireAsync(Call(campaignId: CampaignId), default);

        recorded.ShouldHaveSingleItem().ShouldBe((1L, "campaign"));
    }

    [Fact]
    public async Task Many_concurrent_acquirers_never_exceed_any_limit()
    {
        const int global = 9, tenant = 7, perCampaign = 4;
        var limiter = Limiter(global, perCampaign);
        var held = new ConcurrentDictionary<string, int>();
        var maxHeld = new ConcurrentDictionary<string, int>();
        int admitted = 0, rejected = 0;
        const int workers = 64;
        var firstTries = workers;
        var everyoneTried = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            // Three kinds of call share the tenant: two campaigns and direct calls, so every scope gets contended.
            Guid? campaign = (worker % 3) switch { 0 => CampaignId, 1 => OtherCampaignId, _ => null };
            for (var attempt = 0; attempt < 15; attempt++)
            {
                var admission = await limiter.AcquireAsync(Call(campaignId: campaign, tenantLimit: tenant), default);
                if (attempt == 0 && Interlocked.Decrement(ref firstTries) == 0)
                {
                    everyoneTried.TrySetResult();
                }

                if (!admission.IsAdmitted)
                {
                    Interlocked.Increment(ref rejected);
                    continue;
                }

                Interlocked.Increment(ref admitted);
                foreach (var scope in admission.Scopes)
                {
                    var now = held.AddOrUpdate(scope.Key, 1, (_, n) => n + 1);
                    maxHeld.AddOrUpdate(scope.Key, now, (_, max) => Math.Max(max, now));
                }

                // The first round's holders keep their slots until every worker has tried once, so the limits are
                // always contended (however the machine schedules the workers); later rounds hold for a yield.
                if (attempt == 0)
                {
                    await everyoneTried.Task;
                }
                else
                {
                    await Task.Yield();
                }

                foreach (var scope in admission.Scopes)
                {
                    held.AddOrUpdate(scope.Key, 0, (_, n) => n - 1);
                }

                await limiter.ReleaseAsync(admission.Slot, admission.Scopes, default);
            }
        })));

        admitted.ShouldBeGreaterThan(0);
        rejected.ShouldBeGreaterThan(0);
        maxHeld["global"].ShouldBeLessThanOrEqualTo(global);
        maxHeld[$"tenant:{TenantId}"].ShouldBeLessThanOrEqualTo(tenant);
        maxHeld[$"campaign:{CampaignId}"].ShouldBeLessThanOrEqualTo(perCampaign);
        maxHeld[$"campaign:{OtherCampaignId}"].ShouldBeLessThanOrEqualTo(perCampaign);
        foreach (var scope in Policy(global, perCampaign).ScopesFor(TenantId, CampaignId, tenant).Append(ConcurrencyScope.ForCampaign(OtherCampaignId, perCampaign)))
        {
            (await limiter.CountAsync(scope, default)).ShouldBe(0);
        }
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _metricsServices.Dispose();
        }
    }

    protected static ConcurrencyRequest Call(Guid? tenantId = null, Guid? campaignId = null, int? tenantLimit = null) =>
        new(SlotId.ForCall(Guid.CreateVersion7()), tenantId ?? TenantId, campaignId, tenantLimit);

    protected ConcurrencyPolicy Policy(int global, int perCampaign) => new(global, perCampaign, SlotTtl);

    protected IConcurrencyLimiter Limiter(int global, int perCampaign) =>
        CreateLimiter(Policy(global, perCampaign), new ConcurrencyMetrics(MeterFactory));

    protected static async Task<ConcurrencyAdmission> AdmitAsync(IConcurrencyLimiter limiter, ConcurrencyRequest call)
    {
        var admission = await limiter.AcquireAsync(call, default);
        admission.Outcome.ShouldBe(AdmissionOutcome.Admitted, "the arrangement expects room for this call");
        return admission;
    }

    private MeterListener ListenToRejections(ConcurrentQueue<(long Value, object? Scope)> recorded)
    {
        var listener = new MeterListener
        {
            // Meters from this test's own factory only: other tests running in parallel record too.
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == MeterFactory && instrument.Name == ConcurrencyMetrics.RejectionsName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            object? scope = null;
            foreach (var tag in tags)
            {
                if (tag.Key == ConcurrencyMetrics.ScopeTag)
                {
                    scope = tag.Value;
                }
            }

            recorded.Enqueue((value, scope));
        });
        listener.Start();
        return listener;
    }
}
