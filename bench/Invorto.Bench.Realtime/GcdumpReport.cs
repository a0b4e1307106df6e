using System.Globalization;
using System.Text.RegularExpressions;

namespace Invorto.Bench.Realtime;

/// <summary>
/// A live heap from <c>dotnet-gcdump</c>: exact totals from the header of <c>dotnet-gcdump report &lt;file&gt;</c>
/// ("GC Heap bytes", "GC Heap objects") and one entry per type, from the report's rows
/// (<c>Object Bytes  Count  Type  [module]</c>, where "Object Bytes" is one instance's size, not the type's total) or,
/// exact, from the dump's object graph (<see cref="WithTypes"/>).
/// </summary>
public sealed partial class GcdumpReport
{
    private GcdumpReport(long totalBytes, long totalObjects, IReadOnlyDictionary<string, HeapTypeStat> types)
    {
        TotalBytes = totalBytes;
        TotalObjects = totalObjects;
        Types = types;
    }

    public long TotalBytes { get; }

    public long TotalObjects { get; }

    /// <summary>The types by <see cref="HeapTypeStat.Key"/> (same-named types of two modules stay apart).</summary>
    public IReadOnlyDictionary<string, HeapTypeStat> Types { get; }

    public static GcdumpReport Parse(string text)
    {
        long? totalBytes = null;
        long? totalObjects = null;
        var types = new Dictionary<string, HeapTypeStat>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (SummaryRow().Match(line) is { Success: true } summary)
            {
                var value = ParseNumber(summary.Groups["value"].Value);
                if (summary.Groups["label"].Value == "GC Heap bytes")
                {
                    totalBytes = value;
                }
                else if (summary.Groups["label"].Value == "GC Heap objects")
                {
                    totalObjects = value;
                }
            }
            else if (TypeRow().Match(line) is { Success: true } row)
            {
                var name = HeapTypeStat.WithoutBucket(row.Groups["type"].Value.Trim());
                var module = row.Groups["module"].Success ? row.Groups["module"].Value : string.Empty;
                var count = ParseNumber(row.Groups["count"].Value);
                Add(types, new HeapTypeStat(name, module, ParseNumber(row.Groups["bytes"].Value) * count, count, HeapTypeStat.HasVariableSize(name)));
            }
        }

        if (totalBytes is null || totalObjects is null)
        {
            throw new FormatException("Not a dotnet-gcdump report: no \"GC Heap bytes\" and \"GC Heap objects\" header.");
        }

        return new GcdumpReport(totalBytes.Value, totalObjects.Value, types);
    }

    /// <summary>The same totals with the types replaced (e.g. by exact ones from the object graph), buckets merged.</summary>
    public GcdumpReport WithTypes(IEnumerable<HeapTypeStat> types)
    {
        var merged = new Dictionary<string, HeapTypeStat>(StringComparer.Ordinal);
        foreach (var type in types)
        {
            Add(merged, type with { TypeName = HeapTypeStat.WithoutBucket(type.TypeName) });
        }

        return new GcdumpReport(TotalBytes, TotalObjects, merged);
    }

    private static void Add(Dictionary<string, HeapTypeStat> types, HeapTypeStat type)
    {
        var key = HeapTypeStat.Key(type.TypeName, type.Module);
        types[key] = types.TryGetValue(key, out var seen)
            ? seen with { Bytes = seen.Bytes + type.Bytes, Count = seen.Count + type.Count, BytesEstimated = seen.BytesEstimated || type.BytesEstimated }
            : type;
    }

    private static long ParseNumber(string text) =>
        long.Parse(text.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\s*(?<value>[\d,]+)\s{2}(?<label>GC Heap bytes|GC Heap objects|Total references)\s*$")]
    private static partial Regex SummaryRow();

    // "        144,168        41  OpenTelemetry.Metrics.MetricPoint[] (Bytes > 100K)  [OpenTelemetry.dll]"
    [GeneratedRegex(@"^\s*(?<bytes>[\d,]+)\s+(?<count>[\d,]+)\s{2}(?<type>.+?)(?:\s{2}\[(?<module>[^\]]+)\])?\s*$")]
    private static partial Regex TypeRow();
}
