using Invorto.Infrastructure.Redis;
using Invorto.Testing;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Invorto.Infrastructure.Tests.Redis;

public sealed class RedisHealthCheckTests
{
    private static HealthCheckContext Context(IHealthCheck check) =>
        new() { Registration = new HealthCheckRegistration("redis", check, HealthStatus.Unhealthy, null) };

    [Fact]
    public async Task Running_redis_is_healthy()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(RedisConnectionOptions.FromRedisUrl(TestServers.RedisUrl));
        var check = new RedisHealthCheck(redis);

        var result = await check.CheckHealthAsync(Context(check));

        result.Status.ShouldBe(HealthStatus.Healthy);
    }

    [Fact]
    public async Task Unreachable_redis_is_unhealthy_not_an_exception()
    {
        var options = RedisConnectionOptions.FromRedisUrl("redis://127.0.0.1:1");
        options.ConnectTimeout = 200;
        await using var redis = await ConnectionMultiplexer.ConnectAsync(options);
        var check = new RedisHealthCheck(redis);

        var result = await check.CheckHealthAsync(Context(check));

        result.Status.ShouldBe(HealthStatus.Unhealthy);
    }
}
