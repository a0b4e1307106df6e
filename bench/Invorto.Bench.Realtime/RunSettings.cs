namespace Invorto.Bench.Realtime;

/// <summary>The knobs of one load run against one target.</summary>
public sealed record RunSettings(
    string Target,
    SessionSettings Session,
    int? ServerPid,
    int Start,
    int Step,
    int Resolution,
    int Max,
    TimeSpan Warmup,
    TimeSpan Measure,
    int ConnectsPerSecond,
    int ConnectConcurrency,
    int SenderThreads,
    int Slots,
    StealRepeatPolicy Repeat)
{
    public static RunSettings From(Arguments arguments)
    {
        var quick = arguments.Has("quick");
        var target = arguments.Text("target-name", "baseline");
        if (target is not ("baseline" or "realtime"))
        {
            throw new ArgumentException("--target-name must be baseline or realtime.", nameof(arguments));
        }

        var session = new SessionSettings(
            new Uri(arguments.Required("url")),
            arguments.TextOrNull("key"),
            arguments.Text("agent", "canary-agent"),
            Stamped: target == "baseline",
            arguments.Real("provider-latency-ms", 0),
            TimeSpan.FromSeconds(arguments.Number("ready-timeout-sec", 10)));
        return new RunSettings(
            target,
            session,
            arguments.NumberOrNull("server-pid"),
            arguments.Number("start", quick ? 200 : 100),
            arguments.Number("step", quick ? 200 : 100),
            arguments.Number("resolution", quick ? 50 : 25),
            arguments.Number("max", 5_000),
            TimeSpan.FromSeconds(arguments.Real("warmup-sec", quick ? 3 : 5)),
            TimeSpan.FromSeconds(arguments.Real("measure-sec", quick ? 8 : 15)),
            arguments.Number("connect-rate", 250),
            arguments.Number("connect-concurrency", 32),
            arguments.Number("sender-threads", 2),
            arguments.Number("slots", 4),
            new StealRepeatPolicy(arguments.Real("repeat-steal-pct", 5), arguments.Number("repeat-max", 1)));
    }
}
