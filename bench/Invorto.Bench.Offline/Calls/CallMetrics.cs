using System.Collections.Concurrent;
using Invorto.Bench.Realtime;

namespace Invorto.Bench.Offline.Calls;

/// <summary>The histograms every call of one step records into (from many threads), over its measured window.</summary>
public sealed class CallMetrics
{
    public MeasureWindow Window { get; } = new();

    /// <summary>Agent audio lateness against the 20 ms grid of its utterance, as the realtime benchmark measures it.</summary>
    public Histogram Lateness { get; } = new();

    /// <summary>Caller's last voiced frame sent → agent's first audio frame received.</summary>
    public LatencySamples TurnLatency { get; } = new();

    /// <summary><c>stt.final</c> received → agent's first audio frame received.</summary>
    public LatencySamples SttFinalToAudio { get; } = new();

    /// <summary>Turn latency per caller phrase, in milliseconds.</summary>
    public ConcurrentDictionary<string, ConcurrentBag<double>> TurnLatencyByPhrase { get; } = new(StringComparer.Ordinal);
}
