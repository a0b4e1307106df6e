using Invorto.Bench.Realtime;

// `run` (default): one target, step search, one run file. `aggregate --runs a.json b.json ...`: medians into realtime.json.
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
    _ => throw new ArgumentException($"Unknown verb '{arguments.Verb}': use run or aggregate.", nameof(args)),
};
