using System.Diagnostics;
using Invorto.Application.Abstractions;
using Invorto.Domain.Concurrency;
using Invorto.Infrastructure.Concurrency;
using Invorto.Infrastructure.Redis;
using Invorto.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Invorto.Infrastructure.Tests.Concurrency;

/// <summary>The limiter over a Redis of the test's own that dies and comes back on the same port.</summary>
[Collection(RedisProcessesCollection.Name)]
public sealed class RedisConcurrencyLimiterFaultTests : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMilliseconds(500);
    private static readonly ConcurrencyPolicy Policy = new(globalLimit: 100, perCampaignLimit: 10, slotTtl: TimeSpan.FromSeconds(60));

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly RedisServerProcess _server = RedisServerProcess.Start();

    [Fact]
    public async Task Acquire_fails_closed_while_redis_is_down_and_recovers_after_a_restart_without_a_new_connection()
    {
        await using var connection = await ConnectAsync();
        var limiter = Limiter(connection);
        (await limiter.AcquireAsync(Call(), default)).Outcome.ShouldBe(AdmissionOutcome.Admitted);

        _server.Kill();
        var duringOutage = new List<AdmissionOutcome>();
        var outage = Stopwatch.StartNew();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            duringOutage.Add((await limiter.AcquireAsync(Call(), default)).Outcome);
        }

        outage.Stop();
        _server.Restart();
        var afterRestart = await Eventually.ReturnsAsync(
            () => limiter.AcquireAsync(Call(), default), a => a.Outcome != AdmissionOutcome.Unavailable, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));

        duringOutage.ShouldAllBe(outcome => outcome == AdmissionOutcome.Unavailable);
        outage.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5 * 2), "each failed acquire returns about when its command times out");
        afterRestart.Outcome.ShouldBe(AdmissionOutcome.Admitted);
    }

    [Fact]
    public async Task Renew_release_and_count_report_the_store_unavailable_while_redis_is_down()
    {
        await using var connection = await ConnectAsync();
        var limiter = Limiter(connection);
        var held = await limiter.AcquireAsync(Call(), default);
        held.Outcome.ShouldBe(AdmissionOutcome.Admitted);

        _server.Kill();
        var renewal = await limiter.RenewAsync(held.Slot, held.Scopes, default);
        var released = await limiter.ReleaseAsync(held.Slot, held.Scopes, default);
        var count = await limiter.CountAsync(held.Scopes[0], default);

        renewal.ShouldBe(RenewalOutcome.Unavailable);
        released.ShouldBeFalse();
        count.ShouldBeNull();
    }

    [Fact]
    public async Task Acquire_still_works_after_redis_forgets_its_scripts()
    {
        // A failover to a replica or a SCRIPT FLUSH leaves the client holding hashes the server no longer knows.
        await using var connection = await ConnectAsync();
        var limiter = Limiter(connection);
        (await limiter.AcquireAsync(Call(), default)).Outcome.ShouldBe(AdmissionOutcome.Admitted);

        await connection.GetServer(_server.EndPoint).ScriptFlushAsync();
        var admission = await limiter.AcquireAsync(Call(), default);

        admission.Outcome.ShouldBe(AdmissionOutcome.Admitted);
    }

    public void Dispose()
    {
        _server.Dispose();
        _services.Dispose();
    }

    private static ConcurrencyRequest Call() =>
        new(SlotId.ForCall(Guid.CreateVersion7()), Guid.Parse("0193a0c2-7a41-7cc1-9d2e-000000000001"), Guid.Parse("0193a0c2-7a41-7cc1-9d2e-00000000000a"));

    private async Task<ConnectionMultiplexer> ConnectAsync()
    {
        var options = ConfigurationOptions.Parse(_server.EndPoint);
        options.AbortOnConnectFail = false;
        options.AllowAdmin = true;
        options.ConnectTimeout = (int)CommandTimeout.TotalMilliseconds;
        options.SyncTimeout = (int)CommandTimeout.TotalMilliseconds;
        options.AsyncTimeout = (int)CommandTimeout.TotalMilliseconds;
        options.ReconnectRetryPolicy = new LinearRetry(200);
        // Timeouts are checked on the heartbeat (1 s by default); a faster one keeps each failed call near its timeout.
        options.HeartbeatInterval = TimeSpan.FromMilliseconds(100);
        var connection = await ConnectionMultiplexer.ConnectAsync(options);
        // Without AbortOnConnectFail the connect returns before the socket is up; the arrangement needs it up.
        await Eventually.ReturnsAsync(() => Task.FromResult(connection.IsConnected), connected => connected, TimeSpan.FromSeconds(10));
        return connection;
    }

    private RedisConcurrencyLimiter Limiter(IConnectionMultiplexer connection) =>
        new(connection, Policy, new ConcurrencyMetrics(_services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()),
            NullLogger<RedisConcurrencyLimiter>.Instance, TestRedis.UniqueKeyPrefix("fault"));
}
