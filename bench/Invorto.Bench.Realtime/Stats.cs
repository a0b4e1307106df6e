namespace Invorto.Bench.Realtime;

/// <summary>Median and spread over the runs of a benchmark.</summary>
public static class Stats
{
    public static double? Median(IEnumerable<double?> values)
    {
        var sorted = values.OfType<double>().Order().ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }

        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    public static (double Min, double Max)? Spread(IEnumerable<double?> values)
    {
        var present = values.OfType<double>().ToArray();
        return present.Length == 0 ? null : (present.Min(), present.Max());
    }

    public static double? Round(double? value, int digits = 2) => value is { } v ? Math.Round(v, digits) : null;
}
