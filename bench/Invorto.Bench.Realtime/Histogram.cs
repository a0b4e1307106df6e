namespace Invorto.Bench.Realtime;

/// <summary>
/// A fixed-resolution latency histogram (10 µs bins up to 2 s, larger values in the last bin) that many threads may
/// record into without allocating; percentiles are nearest-rank and return the bin's lower edge.
/// </summary>
public sealed class Histogram
{
    public const long BinMicroseconds = 10;
    public const long RangeMicroseconds = 2_000_000;

    private readonly long[] _bins = new long[(RangeMicroseconds / BinMicroseconds) + 1];
    private long _count;
    private long _max;
    private long _sum;

    public long Count => Interlocked.Read(ref _count);

    public double MaxMs => Interlocked.Read(ref _max) / 1000.0;

    public double MeanMs => Count == 0 ? 0 : Interlocked.Read(ref _sum) / 1000.0 / Count;

    public void RecordMicroseconds(long microseconds)
    {
        var value = Math.Max(0, microseconds);
        var bin = Math.Min(value / BinMicroseconds, _bins.Length - 1);
        Interlocked.Increment(ref _bins[bin]);
        Interlocked.Increment(ref _count);
        Interlocked.Add(ref _sum, value);
        var max = Interlocked.Read(ref _max);
        while (value > max)
        {
            var seen = Interlocked.CompareExchange(ref _max, value, max);
            if (seen == max)
            {
                break;
            }

            max = seen;
        }
    }

    public void Add(Histogram other)
    {
        for (var i = 0; i < _bins.Length; i++)
        {
            var n = Interlocked.Read(ref other._bins[i]);
            if (n != 0)
            {
                Interlocked.Add(ref _bins[i], n);
            }
        }

        Interlocked.Add(ref _count, other.Count);
        Interlocked.Add(ref _sum, Interlocked.Read(ref other._sum));
        var otherMax = Interlocked.Read(ref other._max);
        if (otherMax > Interlocked.Read(ref _max))
        {
            Interlocked.Exchange(ref _max, otherMax);
        }
    }

    /// <summary>The nearest-rank percentile in milliseconds, or null when nothing was recorded.</summary>
    public double? PercentileMs(double percentile)
    {
        var count = Count;
        if (count == 0)
        {
            return null;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(percentile / 100.0 * count));
        long seen = 0;
        for (var i = 0; i < _bins.Length; i++)
        {
            seen += Interlocked.Read(ref _bins[i]);
            if (seen >= rank)
            {
                return i == _bins.Length - 1 ? MaxMs : i * BinMicroseconds / 1000.0;
            }
        }

        return MaxMs;
    }
}
