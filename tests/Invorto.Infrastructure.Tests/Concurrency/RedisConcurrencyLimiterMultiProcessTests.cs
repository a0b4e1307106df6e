using Invorto.Bench.Limiter;
using Invorto.Domain.Concurrency;
using Invorto.Infrastructure.Concurrency;
using Invorto.Infrastructure.Redis;
using Invorto.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Invorto.Infrastructure.Tests.Concurrency;

/// <summary>Separate OS processes, each with its own connection, contending for one campaign's slots.</summary>
[Collection(RedisProcessesCollection.Name)]
public sealed class RedisConcurrencyLimiterMultiProcessTests : IClassFixture<RedisFixture>
{
    private const int Processes = 4;
    private const int CampaignLimit = 5;
    private const int TenantLimit = 8;

    private readonly RedisFixture _redis;

    public RedisConcurrencyLimiterMultiProcessTests(RedisFixture redis) => _redis = redis;

    [Fact]
    public async Task Four_processes_hammering_one_campaign_never_hold_more_slots_than_its_limit()
    {
        var settings = new HammerSettings(
            Redis: TestRedis.Options().ToString(includePassword: true),
            KeyPrefix: TestRedis.UniqueKeyPrefix("hammer"),
            TenantId: Guid.CreateVersion7(),
            CampaignId: Guid.CreateVersion7(),
            GlobalLimit: 1_000,
            CampaignLimit,
            TenantLimit,
            Loops: 8,
            Duration: TimeSpan.FromSeconds(3),
            MaxAttempts: 5_000,
            Hold: TimeSpan.FromMilliseconds(2),
            RejectBackoff: TimeSpan.FromMilliseconds(1),
            StartAt: DateTimeOffset.UtcNow.AddSeconds(5));
        var program = Path.Combine(AppContext.BaseDirectory, "Invorto.Bench.Limiter.dll");

        var lines = await HammerProcesses.RunAsync(program, Processes, [.. settings.ToArguments()], TimeSpan.FromSeconds(120));

        var reports = lines.Select(HammerProcesses.Parse).ToList();
        reports.Select(r => r.ProcessId).Distinct().Count().ShouldBe(Processes);
        reports.Max(r => r.StartedAtUnixMs).ShouldBeLessThan(reports.Min(r => r.EndedAtUnixMs), "the processes ran at the same time");
        reports.Sum(r => r.Pairs).ShouldBeGreaterThan(0);
        reports.Sum(r => r.Rejections).ShouldBeGreaterThan(0, "the campaign was contended");
        reports.Sum(r => r.Unavailable).ShouldBe(0);
        reports.Sum(r => r.OverAdmissions).ShouldBe(0);
        reports.Max(r => r.MaxHeld).ShouldBeInRange(2, CampaignLimit);
        ((long)await _redis.Connection.GetDatabase().StringGetAsync(settings.HeldKey)).ShouldBe(0);
        (await CountAsync(settings, ConcurrencyScope.ForCampaign(settings.CampaignId, CampaignLimit))).ShouldBe(0);
        (await CountAsync(settings, ConcurrencyScope.ForTenant(settings.TenantId, TenantLimit))).ShouldBe(0);
    }

    private async Task<int?> CountAsync(HammerSettings settings, ConcurrencyScope scope)
    {
        await using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var limiter = new RedisConcurrencyLimiter(
            _redis.Connection,
            new ConcurrencyPolicy(settings.GlobalLimit, settings.CampaignLimit, TimeSpan.FromSeconds(600)),
            new ConcurrencyMetrics(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()),
            NullLogger<RedisConcurrencyLimiter>.Instance,
            settings.KeyPrefix);
        return await limiter.CountAsync(scope, default);
    }
}
