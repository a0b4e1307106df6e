using System.Collections.Concurrent;
using Invorto.Application.Conversations.Providers;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;

namespace Invorto.Infrastructure.Conversations.Resilience;

/// <summary>
/// A Polly circuit breaker per provider endpoint, shared by every call of the process. Only what says the endpoint is
/// unwell opens it (unreachable, 5xx, timeouts, throttling), not a tenant's refused key or a malformed request; while it
/// is open, new calls and failovers skip that provider at once instead of waiting for it to fail again.
/// </summary>
public sealed class ProviderCircuits : IAsyncDisposable
{
    private readonly ResiliencePipelineRegistry<string> _pipelines = new();
    private readonly ConcurrentDictionary<string, CircuitBreakerStateProvider> _states = new(StringComparer.Ordinal);
    private readonly ProviderResilienceOptions _options;
    private readonly TimeProvider _time;

    public ProviderCircuits(ProviderResilienceOptions options, TimeProvider time)
    {
        _options = options;
        _time = time;
    }

    public static bool IsEndpointFailure(Exception exception) => exception switch
    {
        ProviderException provider => provider.Kind is ProviderFailureKind.Unavailable or ProviderFailureKind.Timeout or ProviderFailureKind.RateLimited,
        HttpRequestException or TimeoutException or IOException => true,
        _ => false,
    };

    public ResiliencePipeline For(string circuitKey) => _pipelines.GetOrAddPipeline(circuitKey, builder =>
    {
        builder.TimeProvider = _time;
        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            FailureRatio = _options.FailureRatio,
            MinimumThroughput = _options.MinimumThroughput,
            SamplingDuration = _options.SamplingDuration,
            BreakDuration = _options.BreakDuration,
            ShouldHandle = new PredicateBuilder().Handle<Exception>(IsEndpointFailure),
            StateProvider = _states.GetOrAdd(circuitKey, _ => new CircuitBreakerStateProvider()),
        });
    });

    public ValueTask DisposeAsync() => _pipelines.DisposeAsync();

    /// <summary>True while the endpoint's circuit is open: skip it.</summary>
    public bool IsOpen(string circuitKey)
    {
        For(circuitKey);
        return _states.TryGetValue(circuitKey, out var state) && state.CircuitState is CircuitState.Open or CircuitState.Isolated;
    }

    /// <summary>
    /// Counts the outcome of work that did not run through <see cref="For"/> (a recognition stream fails long after it
    /// started): a success, or the failure <paramref name="exception"/>.
    /// </summary>
    public void Record(string circuitKey, Exception? exception)
    {
        try
        {
            For(circuitKey).Execute(static failure =>
            {
                if (failure is not null)
                {
                    throw failure;
                }
            }, exception);
        }
        catch (Exception thrown) when (ReferenceEquals(thrown, exception) || thrown is BrokenCircuitException)
        {
            // Recorded: the pipeline has counted it.
        }
    }
}
