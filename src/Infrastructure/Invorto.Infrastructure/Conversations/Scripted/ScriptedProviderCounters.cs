using System.Collections.Concurrent;

namespace Invorto.Infrastructure.Conversations.Scripted;

/// <summary>
/// Open streams of the fake providers, so a test can prove every session closed what it opened, and the latency waits
/// under way, so a test on a fake clock knows a reply is waiting for time to pass rather than still computing.
/// </summary>
public sealed class ScriptedProviderCounters
{
    private readonly ConcurrentDictionary<Task, byte> _latencies = new();
    private long _recognitions;
    private long _completions;
    private long _syntheses;

    public long OpenRecognitions => Interlocked.Read(ref _recognitions);

    public long OpenCompletions => Interlocked.Read(ref _completions);

    public long OpenSyntheses => Interlocked.Read(ref _syntheses);

    public long Open => OpenRecognitions + OpenCompletions + OpenSyntheses;

    /// <summary>A language model or synthesizer is waiting out its latency, and its clock has not reached the end of it.</summary>
    public bool WaitingOnClock => _latencies.Keys.Any(latency => !latency.IsCompleted);

    /// <summary>Waits out a provider's latency on <paramref name="time"/>.</summary>
    internal async Task LatencyAsync(int milliseconds, TimeProvider time, CancellationToken cancellationToken)
    {
        var latency = Task.Delay(TimeSpan.FromMilliseconds(milliseconds), time, cancellationToken);
        _latencies.TryAdd(latency, 0);
        try
        {
            await latency.ConfigureAwait(false);
        }
        finally
        {
            _latencies.TryRemove(latency, out _);
        }
    }

    internal void RecognitionOpened() => Interlocked.Increment(ref _recognitions);

    internal void RecognitionClosed() => Interlocked.Decrement(ref _recognitions);

    internal void CompletionOpened() => Interlocked.Increment(ref _completions);

    internal void CompletionClosed() => Interlocked.Decrement(ref _completions);

    internal void SynthesisOpened() => Interlocked.Increment(ref _syntheses);

    internal void SynthesisClosed() => Interlocked.Decrement(ref _syntheses);
}
