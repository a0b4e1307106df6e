using Invorto.Bench.Realtime;

// `run` (default): one target, step search, one run file. `aggregate --runs a.json b.json ...`: medians into realtime.json.
// `hold --sessions N --hold-sec T [--dumps K --server-pid P]`: N streaming sessions held, gcdumps of the server taken.
// `heap --low N --low-reports ... --high M --high-reports ...`: live heap per session from those dumps' reports.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
var arguments = Arguments.Parse(args);
return arguments.Verb switch
{
    null or "run" => await LoadRun.RunAsync(arguments, cancellation.Token),
    "aggregate" => await Aggregate.RunAsync(arguments, cancellation.Token),
    "hold" => await HoldRun.RunAsync(arguments, cancellation.Token),
    "heap" => await HeapRun.RunAsync(arguments, cancellation.Token),
    _ => throw new ArgumentException($"Unknown verb '{arguments.Verb}': use run, aggregate, hold or heap.", nameof(args)),
};
