using System.Text.Json.Nodes;

namespace Invorto.Bench.Realtime;

/// <summary>
/// Medians and spreads (min–max) over the runs of both targets, as the flat object of <c>bench/results/realtime.json</c>:
/// the keys of the capacity acceptance first, then the spreads and the baseline's own figures.
/// </summary>
public static class RealtimeSummary
{
    public const double GoalRatio = 0.8;
    public const double GoalP99Ms = 5;
    public const double GoalCpuRatio = 1.5;
    public const double GoalTurnOverheadP95Ms = 10;
    public const double GoalBargeInP95Ms = 40;

    private static readonly string[] GoalKeys = ["ratio_to_baseline", "p99_frame_ms", "cpu_ratio_to_baseline", "turn_overhead_p95_ms", "bargein_cutoff_p95_ms"];

    public static Dictionary<string, object?> Build(IReadOnlyList<JsonObject> runs, string machine, string date)
    {
        var realtime = runs.Where(r => (string?)r["target"] == "realtime").ToArray();
        var baseline = runs.Where(r => (string?)r["target"] == "baseline").ToArray();
        var n = Median(realtime, "max_sessions");
        var b = Median(baseline, "max_sessions");
        var cores = Median(realtime, "cores_per_1000");
        var baselineCores = Median(baseline, "cores_per_1000");
        var result = new Dictionary<string, object?>
        {
            ["max_sessions"] = n,
            ["baseline_max_sessions"] = b,
            ["ratio_to_baseline"] = n is { } rn && b is > 0 ? Stats.Round(rn / b.Value, 3) : null,
            ["cores_per_1000"] = Stats.Round(cores, 3),
            ["baseline_cores_per_1000"] = Stats.Round(baselineCores, 3),
            ["p99_frame_ms"] = Median(realtime, "p99_frame_ms"),
            ["turn_overhead_p95_ms"] = Median(realtime, "turn_overhead_p95_ms"),
            ["bargein_cutoff_p95_ms"] = Median(realtime, "bargein_cutoff_p95_ms"),
            ["machine"] = machine,
            ["date"] = date,
            ["runs"] = realtime.Length,
            ["baseline_runs"] = baseline.Length,
            ["cpu_ratio_to_baseline"] = cores is { } c && baselineCores is > 0 ? Stats.Round(c / baselineCores.Value, 3) : null,
        };
        foreach (var key in new[] { "max_sessions", "cores_per_1000", "p99_frame_ms", "turn_overhead_p95_ms", "bargein_cutoff_p95_ms" })
        {
            AddSpread(result, key, realtime, key);
        }

        var perRunRatios = realtime.Zip(baseline, (r, bl) => Value(r, "max_sessions") / Value(bl, "max_sessions")).ToArray();
        result["ratio_to_baseline_min"] = Stats.Round(Stats.Spread(perRunRatios)?.Min, 3);
        result["ratio_to_baseline_max"] = Stats.Round(Stats.Spread(perRunRatios)?.Max, 3);
        foreach (var key in new[] { "p50_frame_ms", "turn_overhead_p50_ms", "bargein_cutoff_p50_ms", "send_slip_p99_ms", "post_bargein_frames", "client_bound_steps" })
        {
            result[key] = Median(realtime, key);
        }

        foreach (var key in new[] { "max_sessions", "cores_per_1000", "p99_frame_ms", "p50_frame_ms", "oneway_p50_ms", "oneway_p99_ms", "send_slip_p99_ms", "client_bound_steps" })
        {
            result["baseline_" + key] = Median(baseline, key);
            if (key is "max_sessions" or "cores_per_1000" or "p99_frame_ms")
            {
                AddSpread(result, "baseline_" + key, baseline, key);
            }
        }

        result["max_steal_pct"] = Stats.Round(realtime.Select(r => Value(r, "max_steal_pct")).Max(), 3);
        result["baseline_max_steal_pct"] = Stats.Round(baseline.Select(r => Value(r, "max_steal_pct")).Max(), 3);
        result["repeated_steps"] = realtime.Sum(r => Value(r, "repeated_steps") ?? 0);
        result["baseline_repeated_steps"] = baseline.Sum(r => Value(r, "repeated_steps") ?? 0);
        result["step_plan"] = runs.Select(r => (string?)r["step_plan"]).FirstOrDefault(p => p is not null);
        result["meets_goals"] = MeetsGoals(result);
        return result;
    }

    /// <summary>True when every goal of the acceptance holds, false when one fails, null while a figure is missing.</summary>
    public static bool? MeetsGoals(IReadOnlyDictionary<string, object?> summary)
    {
        double? Get(string key) => summary.GetValueOrDefault(key) as double?;
        var checks = new[]
        {
            Get("ratio_to_baseline") >= GoalRatio,
            Get("p99_frame_ms") < GoalP99Ms,
            Get("cpu_ratio_to_baseline") <= GoalCpuRatio,
            Get("turn_overhead_p95_ms") <= GoalTurnOverheadP95Ms,
            Get("bargein_cutoff_p95_ms") <= GoalBargeInP95Ms,
        };
        var missing = GoalKeys.Any(k => Get(k) is null);
        return missing ? null : checks.All(c => c);
    }

    private static double? Value(JsonObject run, string key) =>
        run[key] is not JsonValue value ? null
        : value.TryGetValue<double>(out var number) ? number
        : value.TryGetValue<int>(out var whole) ? whole
        : null;

    private static double? Median(IEnumerable<JsonObject> runs, string key) => Stats.Round(Stats.Median(runs.Select(r => Value(r, key))), 3);

    private static void AddSpread(Dictionary<string, object?> result, string name, IEnumerable<JsonObject> runs, string key)
    {
        var spread = Stats.Spread(runs.Select(r => Value(r, key)));
        result[name + "_min"] = Stats.Round(spread?.Min, 3);
        result[name + "_max"] = Stats.Round(spread?.Max, 3);
    }
}
