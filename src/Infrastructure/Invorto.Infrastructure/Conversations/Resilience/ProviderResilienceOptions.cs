namespace Invorto.Infrastructure.Conversations.Resilience;

/// <summary>When a provider's circuit opens and for how long (spec §8: a circuit breaker per provider).</summary>
public sealed record ProviderResilienceOptions
{
    /// <summary>The share of failed calls in <see cref="SamplingDuration"/> that opens the circuit.</summary>
    public double FailureRatio { get; init; } = 0.5;

    /// <summary>At least this many calls in the window before the ratio counts, so one failure does not open it.</summary>
    public int MinimumThroughput { get; init; } = 5;

    public TimeSpan SamplingDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit skips the provider before one call tries it again.</summary>
    public TimeSpan BreakDuration { get; init; } = TimeSpan.FromSeconds(30);
}
