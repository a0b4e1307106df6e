using Invorto.Application.Abstractions;
using Invorto.Domain.Concurrency;
using Invorto.Infrastructure.Concurrency;
using Invorto.Infrastructure.Redis;
using Invorto.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Invorto.Infrastructure.Tests.Concurrency;

/// <summary>The limiter contract against a real redis-server, plus what only Redis shows: the keys and their expiry.</summary>
public sealed class RedisConcurrencyLimiterTests : ConcurrencyLimiterContract, IClassFixture<RedisFixture>
{
    private readonly RedisFixture _redis;
    private readonly string _keyPrefix = TestRedis.UniqueKeyPrefix("limiter");

    public RedisConcurrencyLimiterTests(RedisFixture redis) => _redis = redis;

    // Short enough for expiry tests on a real clock, long enough that a busy two-core machine renews in time.
    protected override TimeSpan SlotTtl => TimeSpan.FromSeconds(2);

    protected override TimeProvider Clock => TimeProvider.System;

    protected override IConcurrencyLimiter CreateLimiter(ConcurrencyPolicy policy, ConcurrencyMetrics metrics) =>
        new RedisConcurrencyLimiter(_redis.Connection, policy, metrics, NullLogger<RedisConcurrencyLimiter>.Instance, _keyPrefix);

    protected override Task LetTimePassAsync(TimeSpan duration) => Task.Delay(duration);

    protected override Task<T> WaitUntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done) =>
        Eventually.ReturnsAsync(probe, done, timeout: SlotTtl * 4);

    [Fact]
    public async Task Each_scope_is_a_sorted_set_named_by_the_spec_and_scored_by_expiry()
    {
        var limiter = Limiter(global: 10, perCampaign: 5);

        var admission = await limiter.AcquireAsync(Call(campaignId: CampaignId, tenantLimit: 5), default);

        var database = _redis.Connection.GetDatabase();
        var expiry = admission.ExpiresAt!.Value.ToUnixTimeMilliseconds();
        foreach (var key in new[] { "global", $"tenant:{TenantId}", $"campaign:{CampaignId}" })
        {
            (await database.KeyTypeAsync(_keyPrefix + key)).ShouldBe(RedisType.SortedSet);
            (await database.SortedSetScoreAsync(_keyPrefix + key, admission.Slot.Value)).ShouldBe(expiry);
        }
    }

    [Fact]
    public async Task A_scope_key_expires_with_its_last_slot()
    {
        var limiter = Limiter(global: 10, perCampaign: 5);

        var admission = await limiter.AcquireAsync(Call(campaignId: CampaignId), default);

        var keyExpiry = await _redis.Connection.GetDatabase().KeyExpireTimeAsync(_keyPrefix + $"campaign:{CampaignId}");
        keyExpiry.ShouldNotBeNull();
        keyExpiry.Value.ShouldBe(admission.ExpiresAt!.Value.UtcDateTime);
    }

    [Fact]
    public async Task The_default_key_prefix_is_the_spec_namespace()
    {
        var prefix = RedisConcurrencyLimiter.DefaultKeyPrefix;

        prefix.ShouldBe("invorto:sem:");
    }
}
