namespace Invorto.Bench.Offline.Calls;

/// <summary>
/// Every latency of a step, kept exactly (turns are few and may last seconds, beyond the realtime histogram's 2 s range);
/// many threads may add. Percentiles are nearest-rank.
/// </summary>
public sealed class LatencySamples
{
    private readonly List<double> _values = [];
    private readonly Lock _gate = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _values.Count;
            }
        }
    }

    public void Add(double milliseconds)
    {
        lock (_gate)
        {
            _values.Add(milliseconds);
        }
    }

    /// <summary>The nearest-rank percentile, rounded to 0.01 ms, or null when nothing was added.</summary>
    public double? Percentile(double percentile)
    {
        double[] sorted;
        lock (_gate)
        {
            sorted = [.. _values];
        }

        if (sorted.Length == 0)
        {
            return null;
        }

        Array.Sort(sorted);
        var rank = Math.Max(1, (int)Math.Ceiling(percentile / 100.0 * sorted.Length));
        return Math.Round(sorted[rank - 1], 2);
    }
}
