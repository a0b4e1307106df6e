using System.Globalization;
using Invorto.Bench.Offline;

// Usage: Invorto.Bench.Offline [--rounds N] [--out bench/results/offline.json --doc docs/benchmarks.md --command "..." --load-before L]
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
var rounds = int.Parse(Option("--rounds") ?? "10", CultureInfo.InvariantCulture);
var figures = await OfflineBenchmark.RunAsync(rounds, cancellation.Token);
var loadAfter = File.ReadAllText("/proc/loadavg").Split(' ')[0];
var report = new OfflineReport(figures, DateTimeOffset.UtcNow, Option("--command") ?? "bash bench/offline.sh", Option("--load-before") ?? "unknown", loadAfter);
Console.WriteLine(report.Json());
Console.WriteLine(report.Markdown());
if (Option("--out") is { } output)
{
    await File.WriteAllTextAsync(output, report.Json() + "\n", cancellation.Token);
}

if (Option("--doc") is { } document)
{
    await File.WriteAllTextAsync(document, report.UpdatedDocument(await File.ReadAllTextAsync(document, cancellation.Token)), cancellation.Token);
}

return 0;
