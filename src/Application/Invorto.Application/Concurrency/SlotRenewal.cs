using Invorto.Application.Abstractions;
using Invorto.Domain.Concurrency;

namespace Invorto.Application.Concurrency;

/// <summary>
/// Keeps a live call's concurrency slot (spec §7): renews it every <see cref="ConcurrencyPolicy.RenewInterval"/> (a third
/// of the TTL) for as long as the call's media session lives, so a call longer than the TTL keeps its slot while a
/// crashed session stops renewing and its slot lapses. Start it when the session opens; dispose it when it ends.
/// </summary>
public sealed class SlotRenewal : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _renewals;
    private long _missed;

    private SlotRenewal(
        IConcurrencyLimiter limiter,
        ConcurrencyPolicy policy,
        SlotId slot,
        IReadOnlyCollection<ConcurrencyScope> scopes,
        TimeProvider clock,
        Func<CancellationToken, Task>? afterEachRenewal)
    {
        _loop = RunAsync(limiter, policy.RenewInterval, slot, scopes, clock, afterEachRenewal, _stop.Token);
    }

    /// <summary>Renewals the store confirmed.</summary>
    public long Renewals => Interlocked.Read(ref _renewals);

    /// <summary>Renewals that found the slot gone or could not reach the store.</summary>
    public long Missed => Interlocked.Read(ref _missed);

    /// <param name="tenantLimit">The tenant's own cap, as passed when the slot was acquired: it decides whether the call holds a tenant-scope slot.</param>
    public static SlotRenewal Start(IConcurrencyLimiter limiter, ConcurrencyPolicy policy, Guid callId, Guid tenantId, Guid? campaignId, int? tenantLimit, TimeProvider clock) =>
        new(limiter, policy, SlotId.ForCall(callId), policy.ScopesFor(tenantId, campaignId, tenantLimit), clock, afterEachRenewal: null);

    /// <param name="afterEachRenewal">Runs after every renewal attempt, whatever its outcome (the session heartbeat); it must not throw.</param>
    internal static SlotRenewal Start(
        IConcurrencyLimiter limiter,
        ConcurrencyPolicy policy,
        Guid callId,
        Guid tenantId,
        Guid? campaignId,
        int? tenantLimit,
        TimeProvider clock,
        Func<CancellationToken, Task> afterEachRenewal) =>
        new(limiter, policy, SlotId.ForCall(callId), policy.ScopesFor(tenantId, campaignId, tenantLimit), clock, afterEachRenewal);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopping is the normal end of the loop.
        }

        _stop.Dispose();
    }

    private async Task RunAsync(
        IConcurrencyLimiter limiter,
        TimeSpan interval,
        SlotId slot,
        IReadOnlyCollection<ConcurrencyScope> scopes,
        TimeProvider clock,
        Func<CancellationToken, Task>? afterEachRenewal,
        CancellationToken stop)
    {
        using var timer = new PeriodicTimer(interval, clock);
        while (await timer.WaitForNextTickAsync(stop))
        {
            if (await limiter.RenewAsync(slot, scopes, stop) == RenewalOutcome.Renewed)
            {
                Interlocked.Increment(ref _renewals);
            }
            else
            {
                Interlocked.Increment(ref _missed);
            }

            if (afterEachRenewal is not null)
            {
                await afterEachRenewal(stop);
            }
        }
    }
}
