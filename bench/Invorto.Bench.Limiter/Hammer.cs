using System.Diagnostics;
using System.Text.Json;
using Invorto.Application.Abstractions;
using Invorto.Domain.Concurrency;
using Invorto.Infrastructure.Concurrency;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Invorto.Bench.Limiter;

/// <summary>
/// One process of load: concurrent loops of acquire → count as held → hold → uncount → release against one campaign,
/// through the limiter exactly as the hosts compose it. The held counter is incremented only after an admission and
/// decremented before the release, so it never exceeds the true number of holders: a value above the limit is an
/// over-admission by the limiter, seen across every process that shares the key.
/// </summary>
internal static class Hammer
{
    public static async Task<int> RunAsync(HammerSettings settings)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(RedisAddress.Parse(settings.Redis));
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConnectionMultiplexer>(redis)
            .Configure<ConcurrencyOptions>(options =>
            {
                options.GlobalMaxConcurrency = settings.GlobalLimit;
                options.PerCampaignMaxConcurrency = settings.CampaignLimit;
            })
            .AddConcurrencyLimiter(useRedis: true, settings.KeyPrefix);
        await using var provider = services.BuildServiceProvider();
        var limiter = provider.GetRequiredService<IConcurrencyLimiter>();
        var database = redis.GetDatabase();

        await WarmUpAsync(limiter, settings);
        if (settings.StartAt is { } startAt && startAt > DateTimeOffset.UtcNow)
        {
            await Task.Delay(startAt - DateTimeOffset.UtcNow);
        }

        var tally = new Tally();
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, settings.Loops).Select(_ => LoopAsync(limiter, database, settings, clock, tally)));
        var ended = DateTimeOffset.UtcNow;

        var report = new HammerReport(
            Environment.ProcessId,
            started.ToUnixTimeMilliseconds(),
            ended.ToUnixTimeMilliseconds(),
            Math.Min(tally.Attempts, settings.MaxAttempts),
            tally.Pairs,
            tally.Rejections,
            tally.Unavailable,
            tally.MaxHeld,
            settings.HeldLimit,
            tally.OverAdmissions);
        Console.WriteLine(HammerReport.Prefix + JsonSerializer.Serialize(report));
        return 0;
    }

    private static async Task LoopAsync(IConcurrencyLimiter limiter, IDatabase database, HammerSettings settings, Stopwatch clock, Tally tally)
    {
        while (clock.Elapsed < settings.Duration && Interlocked.Increment(ref tally.Attempts) <= settings.MaxAttempts)
        {
            var slot = SlotId.ForCall(Guid.CreateVersion7());
            var admission = await limiter.AcquireAsync(new ConcurrencyRequest(slot, settings.TenantId, settings.CampaignId, settings.TenantLimit), CancellationToken.None);
            switch (admission.Outcome)
            {
                case AdmissionOutcome.Admitted:
                    var held = await database.StringIncrementAsync(settings.HeldKey);
                    tally.ObserveHeld(held, settings.HeldLimit);
                    if (settings.Hold > TimeSpan.Zero)
                    {
                        await Task.Delay(settings.Hold);
                    }

                    // Sent back to back on the multiplexer's one connection, so Redis runs the DECR before the release
                    // (the counter still never exceeds the true holders) while the pair costs one round trip less.
                    var uncount = database.StringDecrementAsync(settings.HeldKey);
                    var release = limiter.ReleaseAsync(slot, admission.Scopes, CancellationToken.None);
                    await Task.WhenAll(uncount, release);
                    Interlocked.Increment(ref tally.Pairs);
                    break;
                case AdmissionOutcome.Rejected:
                    Interlocked.Increment(ref tally.Rejections);
                    // A dialer whose campaign is full waits before trying again instead of spinning on Redis.
                    if (settings.RejectBackoff > TimeSpan.Zero)
                    {
                        await Task.Delay(settings.RejectBackoff);
                    }

                    break;
                default:
                    Interlocked.Increment(ref tally.Unavailable);
                    break;
            }
        }
    }

    // JIT and the server's script cache, on a campaign of its own so the measured keys start empty.
    private static async Task WarmUpAsync(IConcurrencyLimiter limiter, HammerSettings settings)
    {
        var campaign = Guid.NewGuid();
        for (var i = 0; i < 200; i++)
        {
            var slot = SlotId.ForCall(Guid.CreateVersion7());
            var admission = await limiter.AcquireAsync(new ConcurrencyRequest(slot, settings.TenantId, campaign), CancellationToken.None);
            await limiter.ReleaseAsync(slot, admission.Scopes, CancellationToken.None);
        }
    }

    private sealed class Tally
    {
        public long Attempts;
        public long Pairs;
        public long Rejections;
        public long Unavailable;
        public long OverAdmissions;
        private long _maxHeld;

        public long MaxHeld => Interlocked.Read(ref _maxHeld);

        public void ObserveHeld(long held, int limit)
        {
            if (held > limit)
            {
                Interlocked.Increment(ref OverAdmissions);
            }

            var max = Interlocked.Read(ref _maxHeld);
            while (held > max)
            {
                var seen = Interlocked.CompareExchange(ref _maxHeld, held, max);
                if (seen == max)
                {
                    break;
                }

                max = seen;
            }
        }
    }
}
