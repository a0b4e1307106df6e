using System.Text.Json.Nodes;
using Invorto.Bench.Realtime;

namespace Invorto.Bench.Realtime.Tests;

public sealed class SummaryTests
{
    private static JsonObject Run(string target, double maxSessions, double coresPer1000, double p99, double? turnP95 = null, double? bargeInP95 = null) =>
        new()
        {
            ["target"] = target,
            ["max_sessions"] = maxSessions,
            ["cores_per_1000"] = coresPer1000,
            ["p99_frame_ms"] = p99,
            ["turn_overhead_p95_ms"] = turnP95,
            ["bargein_cutoff_p95_ms"] = bargeInP95,
        };

    [Fact]
    public void Median_of_an_odd_count_is_the_middle_value_and_of_an_even_count_the_mean_of_the_middle_two()
    {
        Stats.Median([3.0, 1.0, 2.0]).ShouldBe(2);
        Stats.Median([4.0, 1.0, 3.0, 2.0]).ShouldBe(2.5);
        Stats.Median([null, 5.0]).ShouldBe(5);
        Stats.Median([]).ShouldBeNull();
        Stats.Spread([3.0, null, 1.0, 2.0]).ShouldBe((1.0, 3.0));
        Stats.Spread([null]).ShouldBeNull();
    }

    [Fact]
    public void Counts_the_steps_measured_again_for_host_steal_per_target()
    {
        var runs = new[]
        {
            Run("baseline", 800, 1.0, 1.0), Run("realtime", 700, 1.4, 3.0, 6, 30),
            Run("baseline", 900, 1.2, 2.0), Run("realtime", 650, 1.5, 4.0, 8, 35),
        };
        runs[1]["repeated_steps"] = 2;
        runs[2]["repeated_steps"] = 1;
        runs[3]["repeated_steps"] = 1;

        var summary = RealtimeSummary.Build(runs, "test machine", "2026-11-25T00:00:00Z");

        summary["repeated_steps"].ShouldBe(3.0);
        summary["baseline_repeated_steps"].ShouldBe(1.0);
    }

    [Fact]
    public void Writes_the_medians_of_both_targets_under_the_acceptance_keys()
    {
        var runs = new[]
        {
            Run("baseline", 800, 1.0, 1.0), Run("realtime", 700, 1.4, 3.0, 6, 30),
            Run("baseline", 900, 1.2, 2.0), Run("realtime", 650, 1.5, 4.0, 8, 35),
            Run("baseline", 850, 1.1, 1.5), Run("realtime", 750, 1.3, 3.5, 7, 38),
        };

        var summary = RealtimeSummary.Build(runs, "test machine", "2026-11-25T00:00:00Z");

        summary["max_sessions"].ShouldBe(700.0);
        summary["baseline_max_sessions"].ShouldBe(850.0);
        summary["ratio_to_baseline"].ShouldBe(0.824);
        summary["cores_per_1000"].ShouldBe(1.4);
        summary["baseline_cores_per_1000"].ShouldBe(1.1);
        summary["p99_frame_ms"].ShouldBe(3.5);
        summary["turn_overhead_p95_ms"].ShouldBe(7.0);
        summary["bargein_cutoff_p95_ms"].ShouldBe(35.0);
        summary["machine"].ShouldBe("test machine");
        summary["date"].ShouldBe("2026-11-25T00:00:00Z");
        summary["max_sessions_min"].ShouldBe(650.0);
        summary["max_sessions_max"].ShouldBe(750.0);
        summary["baseline_p99_frame_ms"].ShouldBe(1.5);
        summary["cpu_ratio_to_baseline"].ShouldBe(1.273);
        summary["meets_goals"].ShouldBe(true);
        summary.Keys.Take(10).ShouldBe(
        [
            "max_sessions", "baseline_max_sessions", "ratio_to_baseline", "cores_per_1000", "baseline_cores_per_1000",
            "p99_frame_ms", "turn_overhead_p95_ms", "bargein_cutoff_p95_ms", "machine", "date",
        ]);
    }

    [Fact]
    public void One_missed_goal_fails_the_verdict_and_a_missing_target_leaves_it_open()
    {
        var slow = RealtimeSummary.Build([Run("baseline", 800, 1, 1), Run("realtime", 400, 1, 1, 5, 20)], "m", "d");
        var baselineOnly = RealtimeSummary.Build([Run("baseline", 800, 1, 1)], "m", "d");

        slow["ratio_to_baseline"].ShouldBe(0.5);
        slow["meets_goals"].ShouldBe(false);
        baselineOnly["max_sessions"].ShouldBeNull();
        baselineOnly["baseline_max_sessions"].ShouldBe(800.0);
        baselineOnly["meets_goals"].ShouldBeNull();
    }

    [Fact]
    public void The_section_replaces_only_its_own_heading()
    {
        var doc = "# Benchmarks\n\nintro\n\n## A\n\nold a\n\n## Realtime capacity\n\nold figures\n\n## B\n\nb text\n";

        var updated = MarkdownSection.Replace(doc, "## Realtime capacity", "## Realtime capacity\n\nnew figures\n");

        updated.ShouldBe("# Benchmarks\n\nintro\n\n## A\n\nold a\n\n## Realtime capacity\n\nnew figures\n\n## B\n\nb text\n");
        MarkdownSection.Replace(updated, "## Realtime capacity", "## Realtime capacity\n\nnew figures\n").ShouldBe(updated);
    }

    [Fact]
    public void A_missing_section_is_appended()
    {
        var updated = MarkdownSection.Replace("# Benchmarks\n\n## A\n\na\n", "## Realtime capacity", "## Realtime capacity\n\nfigures\n");

        updated.ShouldBe("# Benchmarks\n\n## A\n\na\n\n## Realtime capacity\n\nfigures\n");
    }

    [Fact]
    public void The_section_names_machine_date_command_and_every_goal()
    {
        var summary = RealtimeSummary.Build([Run("baseline", 800, 1, 1), Run("realtime", 700, 1.2, 2, 5, 20)], "AMD EPYC, 2 cores", "2026-11-25T00:00:00Z");

        var section = Aggregate.Section(summary, "bench/realtime.sh");

        section.ShouldStartWith("## Realtime capacity\n");
        section.ShouldContain("- Machine: AMD EPYC, 2 cores");
        section.ShouldContain("- Date: 2026-11-25T00:00:00Z");
        section.ShouldContain("`bench/realtime.sh`");
        section.ShouldContain("| max sessions (N) | 700 (700–700) | 800 (800–800) |");
        section.ShouldContain("Capacity: meets; lateness: meets; CPU (1.2× baseline): meets; turn overhead: meets; barge-in cutoff: meets.");
    }
}
