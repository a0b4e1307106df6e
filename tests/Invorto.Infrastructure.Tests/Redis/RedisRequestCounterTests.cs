using System.Diagnostics.Metrics;
using Invorto.Infrastructure.Redis;
using Invorto.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Invorto.Infrastructure.Tests.Redis;

public sealed class RedisRequestCounterTests : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public void Dispose() => _services.Dispose();

    private RedisRequestCounter Counter(IConnectionMultiplexer redis) =>
        new(redis, NullLogger<RedisRequestCounter>.Instance, _services.GetRequiredService<IMeterFactory>());

    [Fact]
    public async Task Requests_of_one_partition_and_window_are_counted_together_and_the_key_expires()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(RedisConnectionOptions.FromRedisUrl(TestServers.RedisUrl));
        var partition = $"key:{Guid.NewGuid()}";
        var counter = Counter(redis);

        var counts = new List<long?>();
        for (var i = 0; i < 3; i++)
        {
            counts.Add(await counter.IncrementAsync(partition, 42, Window, CancellationToken.None));
        }

        var other = await counter.IncrementAsync(partition, 43, Window, CancellationToken.None);
        var ttl = await redis.GetDatabase().KeyTimeToLiveAsync($"invorto:rl:{partition}:42");

        counts.ShouldBe([1, 2, 3]);
        other.ShouldBe(1);
        ttl.ShouldNotBeNull().ShouldBeInRange(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120));
    }

    [Fact]
    public async Task Unreachable_redis_answers_null_instead_of_throwing()
    {
        var options = RedisConnectionOptions.FromRedisUrl("redis://127.0.0.1:1");
        options.ConnectTimeout = 200;
        await using var redis = await ConnectionMultiplexer.ConnectAsync(options);

        var count = await Counter(redis).IncrementAsync("key:x", 1, Window, CancellationToken.None);

        count.ShouldBeNull();
    }
}
