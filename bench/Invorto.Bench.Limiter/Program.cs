using Invorto.Bench.Limiter;

// One program, two roles: without --hammer it is the benchmark, which starts copies of itself with --hammer;
// the multi-process limiter test starts hammers directly.
var arguments = CommandLine.Parse(args);
return arguments.Has("hammer")
    ? await Hammer.RunAsync(HammerSettings.From(arguments))
    : await LimiterBenchmark.RunAsync(arguments);
