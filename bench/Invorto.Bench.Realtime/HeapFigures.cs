using System.Globalization;

namespace Invorto.Bench.Realtime;

/// <summary>The live heap per session from the gcdump reports at a low and a high session count.</summary>
public sealed record HeapFigures(
    int Low,
    int High,
    long LowBytes,
    long HighBytes,
    long BytesPerSession,
    double ObjectsPerSession,
    IReadOnlyList<HeapTypeGrowth> ByType)
{
    public static HeapFigures From(int low, IReadOnlyCollection<GcdumpReport> lowReports, int high, IReadOnlyCollection<GcdumpReport> highReports)
    {
        var lowBytes = Stats.Median(lowReports.Select(r => (double?)r.TotalBytes)) ?? throw new ArgumentException("No low reports.", nameof(lowReports));
        var highBytes = Stats.Median(highReports.Select(r => (double?)r.TotalBytes)) ?? throw new ArgumentException("No high reports.", nameof(highReports));
        var lowObjects = Stats.Median(lowReports.Select(r => (double?)r.TotalObjects))!.Value;
        var highObjects = Stats.Median(highReports.Select(r => (double?)r.TotalObjects))!.Value;
        return new HeapFigures(
            low,
            high,
            (long)Math.Round(lowBytes),
            (long)Math.Round(highBytes),
            (long)Math.Round(HeapSlope.PerSession(lowBytes, highBytes, low, high)),
            Math.Round(HeapSlope.PerSession(lowObjects, highObjects, low, high), 1),
            HeapSlope.ByType(HeapSlope.Median(lowReports), HeapSlope.Median(highReports), low, high));
    }

    public string Summary(int lowDumps, int highDumps) => string.Create(
        CultureInfo.InvariantCulture,
        $"heap_bytes_per_session {BytesPerSession} ({BytesPerSession / 1024.0:0.0} KB, {ObjectsPerSession} objects): live heap {LowBytes:N0} B at {Low} sessions, {HighBytes:N0} B at {High} (median of {lowDumps} and {highDumps} gcdumps)");
}
