namespace Invorto.Bench.Realtime;

/// <summary>
/// Live heap per session as the slope between two session counts, (heap(high) − heap(low)) / (high − low), so the
/// host's fixed heap (DI container, caches, pools) cancels out.
/// </summary>
public static class HeapSlope
{
    public static double PerSession(double lowValue, double highValue, int lowSessions, int highSessions)
    {
        if (highSessions <= lowSessions)
        {
            throw new ArgumentException($"The high session count ({highSessions}) must exceed the low one ({lowSessions}).", nameof(highSessions));
        }

        return (highValue - lowValue) / (highSessions - lowSessions);
    }

    /// <summary>The report that is the median by total bytes (the lower middle one of an even count).</summary>
    public static GcdumpReport Median(IReadOnlyCollection<GcdumpReport> reports)
    {
        if (reports.Count == 0)
        {
            throw new ArgumentException("No reports.", nameof(reports));
        }

        return reports.OrderBy(r => r.TotalBytes).ElementAt((reports.Count - 1) / 2);
    }

    /// <summary>Per-type growth per session, largest bytes first; types that did not grow are left out.</summary>
    public static IReadOnlyList<HeapTypeGrowth> ByType(GcdumpReport low, GcdumpReport high, int lowSessions, int highSessions)
    {
        var growth = new List<HeapTypeGrowth>();
        foreach (var (key, h) in high.Types)
        {
            var l = low.Types.GetValueOrDefault(key);
            var bytes = PerSession(l?.Bytes ?? 0, h.Bytes, lowSessions, highSessions);
            var objects = PerSession(l?.Count ?? 0, h.Count, lowSessions, highSessions);
            if (bytes > 0 || objects > 0)
            {
                growth.Add(new HeapTypeGrowth(h.TypeName, h.Module, bytes, objects, h.BytesEstimated || l?.BytesEstimated == true));
            }
        }

        return growth.OrderByDescending(g => g.BytesPerSession).ThenBy(g => g.TypeName, StringComparer.Ordinal).ToArray();
    }
}
