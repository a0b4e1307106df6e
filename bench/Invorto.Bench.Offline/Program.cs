using System.Diagnostics;
using System.Globalization;
using Invorto.Bench.Offline;
using Invorto.Bench.Offline.Calls;

// Usage: Invorto.Bench.Offline [--rounds N] [--quick] [--calls-only]
//   [--realtime-dll D --api-dll D --work DIR [--host-core C] [--client-core C]]   (the call benchmarks; without --realtime-dll they are left out)
//   [--out bench/results/offline.json --doc docs/benchmarks.md --command "..." --load-before L]
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

// Pinned after start-up rather than under taskset, so the report still names the machine's cores, not the one left to the tool.
if (Option("--client-core") is { } clientCore && OperatingSystem.IsLinux())
{
    using var self = Process.GetCurrentProcess();
    self.ProcessorAffinity = (nint)(1L << int.Parse(clientCore, CultureInfo.InvariantCulture));
}
var quick = args.Contains("--quick");
var rounds = int.Parse(Option("--rounds") ?? (quick ? "2" : "10"), CultureInfo.InvariantCulture);
CallFigures? calls = null;
if (Option("--realtime-dll") is { } realtimeDll)
{
    var apiDll = Option("--api-dll") ?? throw new ArgumentException("--api-dll is required with --realtime-dll.");
    var work = Option("--work") ?? Directory.CreateTempSubdirectory("invorto-offline-calls").FullName;
    var core = Option("--host-core") is { } c ? int.Parse(c, CultureInfo.InvariantCulture) : (int?)null;
    var settings = quick ? CallBenchmarkSettings.Quick(realtimeDll, apiDll, work, core) : CallBenchmarkSettings.Full(realtimeDll, apiDll, work, core);
    calls = await CallBenchmark.RunAsync(settings, cancellation.Token);
    Console.WriteLine(CallReport.Json(calls));
}

if (args.Contains("--calls-only"))
{
    return calls is null ? 2 : 0;
}

var figures = await OfflineBenchmark.RunAsync(rounds, cancellation.Token);
var loadAfter = File.ReadAllText("/proc/loadavg").Split(' ')[0];
var report = new OfflineReport(figures, calls, DateTimeOffset.UtcNow, Option("--command") ?? "bash bench/offline.sh", Option("--load-before") ?? "unknown", loadAfter);
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
