using System.Diagnostics;
using System.Globalization;

namespace Invorto.Bench.Realtime;

/// <summary>
/// One step of a run: connect N sessions at a bounded rate, warm up, measure, close them all, and judge the step:
/// it passes when every session got <c>ready</c> and stayed up, and the agent audio had p99 lateness under 5 ms with no
/// late and no missed frames.
/// </summary>
public sealed class StepRunner(RunSettings settings, byte[][] burst)
{
    public const double MaxP99LatenessMs = 5;
    public const double MaxClientSlipP99Ms = 5;
    private readonly SessionOpener _opener = new(settings, burst);

    public async Task<StepOutcome> RunAsync(int sessionCount, CancellationToken cancellationToken)
    {
        var metrics = new StepMetrics();
        using var senders = new SenderGroup(settings.SenderThreads, settings.Slots);
        senders.Start();
        var loadBefore = LoadAverage();

        var opened = await _opener.OpenAsync(sessionCount, metrics, senders, cancellationToken);
        var connectFailures = opened.ConnectFailures;
        var firstConnectError = opened.FirstConnectError;
        var connectSeconds = opened.ConnectSeconds;
        await Task.Delay(settings.Warmup, cancellationToken);

        var serverCpuStart = ProcStat.ReadCpuSeconds(settings.ServerPid);
        var machineStart = ProcStat.ReadMachineTicks();
        var clientCpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        var allocatedStart = GC.GetTotalAllocatedBytes(precise: true);
        var windowStart = Stopwatch.GetTimestamp();
        metrics.Window.Open(windowStart);
        await Task.Delay(settings.Measure, cancellationToken);
        var windowEnd = Stopwatch.GetTimestamp();
        metrics.Window.Close(windowEnd);
        var serverCpuEnd = ProcStat.ReadCpuSeconds(settings.ServerPid);
        var machineEnd = ProcStat.ReadMachineTicks();
        var clientCpuEnd = Process.GetCurrentProcess().TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedStart;
        var wallSeconds = (windowEnd - windowStart) / (double)Stopwatch.Frequency;
        var loadAfter = LoadAverage();

        senders.Stop();
        var live = opened.Live;
        var dropped = live.Count(s => s.IsReady && (s.RemoteClosed || s.Broken));
        var closeCodes = live.Where(s => s.ServerCloseCode is not null)
            .GroupBy(s => s.ServerCloseCode!.Value.ToString(CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => g.Count());
        await _opener.CloseAsync(live, metrics, cancellationToken);

        var slip = senders.SendSlip();
        var ready = live.Count(s => s.IsReady);
        var late = live.Sum(s => s.Tracker.LateFrames);
        var missed = live.Sum(s => s.Tracker.MissedFrames);
        var p99 = metrics.Lateness.PercentileMs(99);
        var serverCores = serverCpuEnd - serverCpuStart is { } cpu ? cpu / wallSeconds : (double?)null;
        var clientCores = (clientCpuEnd - clientCpuStart).TotalSeconds / wallSeconds;
        var passed = ready == sessionCount && dropped == 0 && metrics.Lateness.Count > 0
            && p99 < MaxP99LatenessMs && late == 0 && missed == 0;
        var clientBound = slip.PercentileMs(99) > MaxClientSlipP99Ms;

        var figures = new Dictionary<string, object?>
        {
            ["n"] = sessionCount,
            ["passed"] = passed,
            ["client_bound"] = clientBound,
            ["ready"] = ready,
            ["connect_failures"] = connectFailures,
            ["first_connect_error"] = firstConnectError,
            ["dropped_sessions"] = dropped,
            ["connect_seconds"] = Stats.Round(connectSeconds),
            ["measured_seconds"] = Stats.Round(wallSeconds),
            ["frames"] = metrics.Lateness.Count,
            ["p50_frame_ms"] = Stats.Round(metrics.Lateness.PercentileMs(50)),
            ["p99_frame_ms"] = Stats.Round(p99),
            ["max_frame_ms"] = Stats.Round(metrics.Lateness.MaxMs),
            ["late_frames"] = late,
            ["missed_frames"] = missed,
            ["oneway_p50_ms"] = Stats.Round(metrics.OneWay.PercentileMs(50)),
            ["oneway_p99_ms"] = Stats.Round(metrics.OneWay.PercentileMs(99)),
            ["send_slip_p50_ms"] = Stats.Round(slip.PercentileMs(50)),
            ["send_slip_p99_ms"] = Stats.Round(slip.PercentileMs(99)),
            ["send_slip_max_ms"] = Stats.Round(slip.MaxMs),
            ["send_skips"] = live.Sum(s => s.SendSkips),
            ["server_cores"] = Stats.Round(serverCores, 3),
            ["cores_per_1000"] = Stats.Round(serverCores / sessionCount * 1000, 3),
            ["client_cores"] = Stats.Round(clientCores, 3),
            ["client_allocated_bytes_per_frame"] = Stats.Round(allocated / Math.Max(1.0, metrics.Lateness.Count + slip.Count), 1),
            ["turns"] = live.Sum(s => s.Script?.Turns ?? 0),
            ["stt_finals"] = live.Sum(s => s.SttFinals),
            ["unanswered_turns"] = live.Sum(s => s.Script?.Unanswered ?? 0),
            ["turn_overhead_count"] = metrics.TurnOverhead.Count,
            ["turn_overhead_p50_ms"] = Stats.Round(metrics.TurnOverhead.PercentileMs(50)),
            ["turn_overhead_p95_ms"] = Stats.Round(metrics.TurnOverhead.PercentileMs(95)),
            ["bargein_onsets"] = live.Sum(s => s.BargeInOnsets),
            ["bargeins_received"] = live.Sum(s => s.BargeInsReceived),
            ["skipped_bargeins"] = live.Sum(s => s.Script?.SkippedBargeIns ?? 0),
            ["unexpected_bargeins"] = live.Sum(s => s.UnexpectedBargeIns),
            ["bargein_cutoff_p50_ms"] = Stats.Round(metrics.BargeInCutoff.PercentileMs(50)),
            ["bargein_cutoff_p95_ms"] = Stats.Round(metrics.BargeInCutoff.PercentileMs(95)),
            ["post_bargein_frames"] = live.Sum(s => s.PostBargeInFrames),
            ["server_errors"] = live.Sum(s => s.Errors),
            ["server_ends"] = live.Sum(s => s.Ends),
            ["server_close_codes_before_end"] = closeCodes,
            ["load_avg_1m_before"] = loadBefore,
            ["load_avg_1m_after"] = loadAfter,
            ["steal_pct"] = Stats.Round(ProcStat.StealPercent(machineStart, machineEnd)),
        };
        return new StepOutcome(sessionCount, passed, figures);
    }

    private static double? LoadAverage()
    {
        try
        {
            var text = File.ReadAllText("/proc/loadavg");
            return double.Parse(text.Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
