using Invorto.Application.Abstractions;
using Invorto.Domain.Concurrency;
using Invorto.Infrastructure.Concurrency;
using Microsoft.Extensions.Time.Testing;

namespace Invorto.Infrastructure.Tests.Concurrency;

public sealed class InProcessConcurrencyLimiterTests : ConcurrencyLimiterContract
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-11-24T10:00:00Z"));

    protected override TimeSpan SlotTtl => TimeSpan.FromSeconds(600);

    protected override TimeProvider Clock => _clock;

    protected override IConcurrencyLimiter CreateLimiter(ConcurrencyPolicy policy, ConcurrencyMetrics metrics) =>
        new InProcessConcurrencyLimiter(policy, _clock, metrics);

    protected override Task LetTimePassAsync(TimeSpan duration)
    {
        _clock.Advance(duration);
        return Task.CompletedTask;
    }

    protected override async Task<T> WaitUntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done)
    {
        // Fake time moves only when told: step it in twentieths of the TTL, up to three TTLs.
        for (var step = 0; step <= 60; step++)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            _clock.Advance(SlotTtl / 20);
        }

        throw new TimeoutException("The condition did not hold within three TTLs of fake time.");
    }
}
