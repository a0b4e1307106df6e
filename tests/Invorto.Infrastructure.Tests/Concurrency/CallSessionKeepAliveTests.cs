using System.Diagnostics.Metrics;
using Invorto.Application.Abstractions;
using Invorto.Application.Concurrency;
using Invorto.Application.Conversations;
using Invorto.Domain.Concurrency;
using Invorto.Infrastructure.Concurrency;
using Invorto.Infrastructure.Sessions;
using Invorto.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Invorto.Infrastructure.Tests.Concurrency;

public sealed class CallSessionKeepAliveTests : IDisposable
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(T0);
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly ConcurrencyPolicy _policy = new(globalLimit: 10, perCampaignLimit: 5, Ttl);
    private readonly InProcessConcurrencyLimiter _limiter;
    private readonly InProcessSessionHeartbeat _heartbeat;
    private readonly Guid _tenant = Guid.NewGuid();
    private readonly Guid _call = Guid.NewGuid();

    public CallSessionKeepAliveTests()
    {
        _limiter = new InProcessConcurrencyLimiter(_policy, _clock, new ConcurrencyMetrics(_services.GetRequiredService<IMeterFactory>()));
        _heartbeat = new InProcessSessionHeartbeat(_clock);
    }

    public void Dispose() => _services.Dispose();

    private async Task<CallSessionKeepAlive> StartAsync(ISessionHeartbeat? heartbeat = null)
    {
        (await _limiter.AcquireAsync(new ConcurrencyRequest(SlotId.ForCall(_call), _tenant), CancellationToken.None)).IsAdmitted.ShouldBeTrue();
        return await new CallSessionKeepAliveFactory(_limiter, _policy, heartbeat ?? _heartbeat, _clock)
            .StartAsync(_call, _tenant, campaignId: null, tenantLimit: null, "jambonz", CancellationToken.None);
    }

    private async Task TickAsync(Func<long> progress, long expected)
    {
        _clock.Advance(_policy.RenewInterval);
        await Eventually.ReturnsAsync(() => Task.FromResult(progress()), done => done >= expected, TimeSpan.FromSeconds(10));
    }

    private Task<int?> HeldGloballyAsync() => _limiter.CountAsync(ConcurrencyScope.Global(10), CancellationToken.None);

    [Fact]
    public async Task Opening_a_session_writes_its_heartbeat_at_once()
    {
        await using var keepAlive = await StartAsync();

        var beat = await _heartbeat.FindAsync(_call, CancellationToken.None);

        beat.ShouldNotBeNull();
        beat.ShouldBe(new SessionBeat(_call, _tenant, "jambonz", $"{Environment.MachineName}:{Environment.ProcessId}", T0));
        keepAlive.Beats.ShouldBe(1);
    }

    [Fact]
    public async Task Every_renewal_renews_the_slot_and_rewrites_the_heartbeat()
    {
        await using var keepAlive = await StartAsync();

        for (var tick = 1; tick <= 4; tick++)
        {
            await TickAsync(() => keepAlive.Beats, tick + 1);
        }

        keepAlive.Renewals.ShouldBe(4);
        (await _heartbeat.FindAsync(_call, CancellationToken.None))!.At.ShouldBe(T0 + (_policy.RenewInterval * 4));
        (await HeldGloballyAsync()).ShouldBe(1, "four renewals took the call past its TTL");
    }

    [Fact]
    public async Task Disposing_removes_the_heartbeat_and_stops_renewing()
    {
        var keepAlive = await StartAsync();
        await TickAsync(() => keepAlive.Beats, 2);

        await keepAlive.DisposeAsync();
        _clock.Advance(Ttl);

        (await _heartbeat.FindAsync(_call, CancellationToken.None)).ShouldBeNull();
        keepAlive.Renewals.ShouldBe(1);
        (await HeldGloballyAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_heartbeat_store_that_throws_does_not_stop_the_slot_renewal()
    {
        await using var keepAlive = await StartAsync(new ThrowingHeartbeat());

        await TickAsync(() => keepAlive.FailedBeats, 2);
        await TickAsync(() => keepAlive.FailedBeats, 3);

        keepAlive.Renewals.ShouldBe(2);
        keepAlive.Beats.ShouldBe(0);
    }

    private sealed class ThrowingHeartbeat : ISessionHeartbeat
    {
        public Task BeatAsync(SessionBeat beat, CancellationToken cancellationToken) => throw new InvalidOperationException("store down");

        public Task EndAsync(Guid callId, CancellationToken cancellationToken) => throw new InvalidOperationException("store down");

        public Task<SessionBeat?> FindAsync(Guid callId, CancellationToken cancellationToken) => throw new InvalidOperationException("store down");
    }
}
