using System.Diagnostics.Metrics;
using Invorto.Application.Abstractions;
using Invorto.Application.Concurrency;
using Invorto.Domain.Concurrency;
using Invorto.Infrastructure.Concurrency;
using Invorto.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Invorto.Infrastructure.Tests.Concurrency;

public sealed class SlotRenewalTests : IDisposable
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly ConcurrencyPolicy _policy = new(globalLimit: 10, perCampaignLimit: 5, Ttl);
    private readonly InProcessConcurrencyLimiter _limiter;
    private readonly Guid _tenant = Guid.NewGuid();
    private readonly Guid _call = Guid.NewGuid();

    public SlotRenewalTests() =>
        _limiter = new InProcessConcurrencyLimiter(_policy, _clock, new ConcurrencyMetrics(_services.GetRequiredService<IMeterFactory>()));

    public void Dispose() => _services.Dispose();

    private Task<int?> HeldGloballyAsync() => _limiter.CountAsync(ConcurrencyScope.Global(10), CancellationToken.None);

    private async Task TickAsync(SlotRenewal renewal, long expectedRenewals)
    {
        _clock.Advance(_policy.RenewInterval);
        await Eventually.ReturnsAsync(() => Task.FromResult(renewal.Renewals + renewal.Missed), done => done >= expectedRenewals, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Live_call_keeps_its_slot_past_the_ttl_and_a_stopped_one_lapses()
    {
        (await _limiter.AcquireAsync(new ConcurrencyRequest(SlotId.ForCall(_call), _tenant), CancellationToken.None)).IsAdmitted.ShouldBeTrue();
        var renewal = SlotRenewal.Start(_limiter, _policy, _call, _tenant, campaignId: null, tenantLimit: null, _clock);

        for (var tick = 1; tick <= 6; tick++)
        {
            await TickAsync(renewal, tick);
        }

        (await HeldGloballyAsync()).ShouldBe(1);
        renewal.Renewals.ShouldBe(6);
        await renewal.DisposeAsync();

        _clock.Advance(Ttl + TimeSpan.FromSeconds(1));

        (await HeldGloballyAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Renewal_of_a_released_slot_is_counted_as_missed_and_takes_nothing()
    {
        (await _limiter.AcquireAsync(new ConcurrencyRequest(SlotId.ForCall(_call), _tenant), CancellationToken.None)).IsAdmitted.ShouldBeTrue();
        await using var renewal = SlotRenewal.Start(_limiter, _policy, _call, _tenant, campaignId: null, tenantLimit: null, _clock);
        await _limiter.ReleaseAsync(SlotId.ForCall(_call), _policy.ScopesFor(_tenant, null), CancellationToken.None);

        await TickAsync(renewal, 1);

        renewal.Missed.ShouldBe(1);
        (await HeldGloballyAsync()).ShouldBe(0);
    }
}
