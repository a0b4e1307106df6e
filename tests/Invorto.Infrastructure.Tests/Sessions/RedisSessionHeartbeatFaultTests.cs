using Invorto.Infrastructure.Sessions;
using Invorto.Infrastructure.Tests.Concurrency;
using Invorto.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Invorto.Infrastructure.Tests.Sessions;

/// <summary>The heartbeat over a Redis of the test's own that dies: beats and ends are swallowed, finds are not.</summary>
[Collection(RedisProcessesCollection.Name)]
public sealed class RedisSessionHeartbeatFaultTests : IDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMilliseconds(500);
    private readonly RedisServerProcess _server = RedisServerProcess.Start();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task While_redis_is_down_beat_and_end_do_not_throw_but_find_does()
    {
        await using var connection = await ConnectAsync();
        var heartbeat = new RedisSessionHeartbeat(connection, NullLogger<RedisSessionHeartbeat>.Instance);
        var call = Guid.NewGuid();

        _server.Kill();
        await heartbeat.BeatAsync(new(call, Guid.NewGuid(), "jambonz", "rt-1", DateTimeOffset.UtcNow), CancellationToken.None);
        await heartbeat.EndAsync(call, CancellationToken.None);
        var find = () => heartbeat.FindAsync(call, CancellationToken.None);

        var failure = await find.ShouldThrowAsync<Exception>();
        failure.ShouldSatisfyAllConditions(() => (failure is RedisException or RedisTimeoutException).ShouldBeTrue(failure.GetType().Name));
    }

    private async Task<ConnectionMultiplexer> ConnectAsync()
    {
        var options = ConfigurationOptions.Parse(_server.EndPoint);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = (int)CommandTimeout.TotalMilliseconds;
        options.SyncTimeout = (int)CommandTimeout.TotalMilliseconds;
        options.AsyncTimeout = (int)CommandTimeout.TotalMilliseconds;
        options.HeartbeatInterval = TimeSpan.FromMilliseconds(100);
        var connection = await ConnectionMultiplexer.ConnectAsync(options);
        await Eventually.ReturnsAsync(() => Task.FromResult(connection.IsConnected), connected => connected, TimeSpan.FromSeconds(10));
        return connection;
    }
}
