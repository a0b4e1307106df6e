using Invorto.Application.Abstractions;
using Invorto.Domain.Concurrency;
using Invorto.Infrastructure.Concurrency;
using Invorto.Infrastructure.Redis;
using Invorto.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Invorto.Infrastructure.Tests.Concurrency;

public sealed class ConcurrencyServiceCollectionExtensionsTests : IClassFixture<RedisFixture>
{
    private readonly RedisFixture _redis;

    public ConcurrencyServiceCollectionExtensionsTests(RedisFixture redis) => _redis = redis;

    [Fact]
    public void Without_redis_the_limiter_is_the_in_process_one_and_a_singleton()
    {
        using var provider = Services().AddConcurrencyLimiter(useRedis: false).BuildServiceProvider();

        var limiter = provider.GetRequiredService<IConcurrencyLimiter>();

        limiter.ShouldBeOfType<InProcessConcurrencyLimiter>();
        provider.GetRequiredService<IConcurrencyLimiter>().ShouldBeSameAs(limiter);
    }

    [Fact]
    public void With_redis_the_limiter_uses_the_registered_connection()
    {
        using var provider = Services()
            .AddSingleton(_redis.Connection)
            .AddConcurrencyLimiter(useRedis: true)
            .BuildServiceProvider();

        var limiter = provider.GetRequiredService<IConcurrencyLimiter>();

        limiter.ShouldBeOfType<RedisConcurrencyLimiter>();
    }

    [Fact]
    public void The_policy_follows_the_runbook_variables()
    {
        using var provider = Services(o =>
            {
                o.GlobalMaxConcurrency = 500;
                o.PerCampaignMaxConcurrency = 20;
                o.SemaphoreTtlSec = 90;
            })
            .AddConcurrencyLimiter(useRedis: false)
            .BuildServiceProvider();

        var policy = provider.GetRequiredService<ConcurrencyPolicy>();

        policy.ShouldBe(new ConcurrencyPolicy(500, 20, TimeSpan.FromSeconds(90)));
        policy.RenewInterval.ShouldBe(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void A_bad_value_is_refused_naming_its_variable()
    {
        using var provider = Services(o => o.SemaphoreTtlSec = 5).AddConcurrencyLimiter(useRedis: false).BuildServiceProvider();

        var resolve = () => provider.GetRequiredService<IConcurrencyLimiter>();

        resolve.ShouldThrow<OptionsValidationException>().Message.ShouldContain("TELEPHONY_SEMAPHORE_TTL_SEC");
    }

    [Fact]
    public void A_limiter_registered_first_is_kept_so_hosts_in_one_process_can_share_it()
    {
        var shared = SharedLimiter();
        using var provider = Services().AddSingleton<IConcurrencyLimiter>(shared).AddConcurrencyLimiter(useRedis: false).BuildServiceProvider();

        var limiter = provider.GetRequiredService<IConcurrencyLimiter>();

        limiter.ShouldBeSameAs(shared);
    }

    private static IServiceCollection Services(Action<ConcurrencyOptions>? configure = null)
    {
        var services = new ServiceCollection().AddLogging();
        services.Configure(configure ?? (_ => { }));
        return services;
    }

    private static InProcessConcurrencyLimiter SharedLimiter()
    {
        using var provider = Services().AddConcurrencyLimiter(useRedis: false).BuildServiceProvider();
        return new InProcessConcurrencyLimiter(
            provider.GetRequiredService<ConcurrencyPolicy>(), TimeProvider.System, provider.GetRequiredService<ConcurrencyMetrics>());
    }
}
