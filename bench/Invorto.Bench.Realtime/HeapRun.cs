using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Invorto.Bench.Realtime;

/// <summary>
/// The <c>heap</c> verb: the live managed heap per session from the gcdump reports that <c>hold</c> took at two
/// session counts (<c>--low N --low-reports a.txt b.txt --high M --high-reports c.txt d.txt</c>): the slope between
/// the median totals. Flat <c>heap_*</c> keys are merged into <c>--out</c> (its other keys kept), the per-type growth
/// per session goes to <c>--types-out</c>.
/// </summary>
public static class HeapRun
{
    private const int TopTypes = 40;
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<int> RunAsync(Arguments arguments, CancellationToken cancellationToken)
    {
        var low = int.Parse(arguments.Required("low"), CultureInfo.InvariantCulture);
        var high = int.Parse(arguments.Required("high"), CultureInfo.InvariantCulture);
        var gcdumpDll = arguments.TextOrNull("gcdump-dll");
        var lowReports = await ReadAsync(arguments.All("low-reports"), gcdumpDll, cancellationToken);
        var highReports = await ReadAsync(arguments.All("high-reports"), gcdumpDll, cancellationToken);
        var figures = HeapFigures.From(low, lowReports, high, highReports);
        var date = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        var keys = new Dictionary<string, object?>
        {
            ["heap_bytes_per_session"] = figures.BytesPerSession,
            ["heap_objects_per_session"] = figures.ObjectsPerSession,
            ["heap_sessions_low"] = low,
            ["heap_sessions_high"] = high,
            ["heap_bytes_low"] = figures.LowBytes,
            ["heap_bytes_high"] = figures.HighBytes,
            ["heap_hold_sec"] = arguments.TextOrNull("hold-sec") is { } hold ? double.Parse(hold, CultureInfo.InvariantCulture) : null,
            ["heap_dumps_per_count"] = Math.Min(lowReports.Count, highReports.Count),
            ["heap_date"] = date,
        };
        if (arguments.TextOrNull("out") is { } outPath)
        {
            await MergeAsync(outPath, keys, cancellationToken);
            Console.WriteLine($"Merged heap_* keys into {outPath}");
        }

        if (arguments.TextOrNull("types-out") is { } typesPath)
        {
            var detail = new Dictionary<string, object?>(keys)
            {
                ["machine"] = MachineInfo.Describe(),
                ["command"] = arguments.TextOrNull("command"),
                ["heap_bytes_low_dumps"] = lowReports.Select(r => r.TotalBytes).ToArray(),
                ["heap_bytes_high_dumps"] = highReports.Select(r => r.TotalBytes).ToArray(),
                ["note"] = "types: growth per session from the median dump at the low count to the median dump at the high count, size buckets merged; objects are exact; bytes are exact when read from the dumps' object graphs, else (bytes_estimated) the report's one instance size per type and size bucket times the count",
                ["types"] = figures.ByType.Take(TopTypes).Select(t => new Dictionary<string, object?>
                {
                    ["type"] = t.TypeName,
                    ["module"] = t.Module,
                    ["bytes_per_session"] = Math.Round(t.BytesPerSession, 1),
                    ["objects_per_session"] = Math.Round(t.ObjectsPerSession, 2),
                    ["bytes_estimated"] = t.BytesEstimated,
                }).ToArray(),
            };
            await File.WriteAllTextAsync(typesPath, JsonSerializer.Serialize(detail, Indented) + "\n", cancellationToken);
        }

        Console.WriteLine("  bytes/session  objects/session  type (≈: estimated bytes)");
        foreach (var t in figures.ByType.Take(arguments.Number("top", 15)))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {t.BytesPerSession,13:N0}{(t.BytesEstimated ? "≈" : " ")} {t.ObjectsPerSession,15:0.##}  {t.TypeName}"));
        }

        Console.WriteLine(figures.Summary(lowReports.Count, highReports.Count));
        return 0;
    }

    /// <summary>Sets the keys in the JSON object at <paramref name="path"/>, keeping every other key and their order.</summary>
    public static async Task MergeAsync(string path, IReadOnlyDictionary<string, object?> keys, CancellationToken cancellationToken)
    {
        var document = File.Exists(path)
            ? JsonNode.Parse(await File.ReadAllTextAsync(path, cancellationToken))?.AsObject() ?? []
            : [];
        Merge(document, keys);
        await File.WriteAllTextAsync(path, document.ToJsonString(Indented) + "\n", cancellationToken);
    }

    public static void Merge(JsonObject document, IReadOnlyDictionary<string, object?> keys)
    {
        foreach (var (key, value) in keys)
        {
            document[key] = JsonSerializer.SerializeToNode(value);
        }
    }

    /// <summary>
    /// The reports; with <paramref name="gcdumpDll"/> each one's types are read exactly from the .gcdump beside it (same
    /// name), else they are the report's estimates.
    /// </summary>
    private static async Task<IReadOnlyList<GcdumpReport>> ReadAsync(IReadOnlyList<string> paths, string? gcdumpDll, CancellationToken cancellationToken)
    {
        if (paths.Count == 0)
        {
            throw new ArgumentException("--low-reports and --high-reports each need at least one gcdump report file.", nameof(paths));
        }

        var reports = new List<GcdumpReport>();
        foreach (var path in paths)
        {
            var report = GcdumpReport.Parse(await File.ReadAllTextAsync(path, cancellationToken));
            var dump = Path.ChangeExtension(path, ".gcdump");
            reports.Add(gcdumpDll is not null && File.Exists(dump) ? report.WithTypes(GcdumpGraph.ReadTypes(gcdumpDll, dump)) : report);
        }

        return reports;
    }
}
