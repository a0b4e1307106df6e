using Invorto.Bench.Realtime;

namespace Invorto.Bench.Realtime.Tests;

public sealed class StealRepeatPolicyTests
{
    private static readonly StealRepeatPolicy Policy = new(ThresholdPct: 5, MaxRepeats: 1);

    private static StepOutcome Step(bool passed, double? steal) =>
        new(300, passed, new Dictionary<string, object?> { ["steal_pct"] = steal, ["p99_frame_ms"] = 7.2 });

    [Fact]
    public void A_failure_in_a_window_with_host_steal_at_the_threshold_is_measured_again()
    {
        Policy.ShouldRepeat(Step(passed: false, steal: 5), repeatsSoFar: 0).ShouldBeTrue();
    }

    [Fact]
    public void A_failure_on_a_quiet_host_stands()
    {
        Policy.ShouldRepeat(Step(passed: false, steal: 4.99), repeatsSoFar: 0).ShouldBeFalse();
        Policy.ShouldRepeat(Step(passed: false, steal: null), repeatsSoFar: 0).ShouldBeFalse();
    }

    [Fact]
    public void A_pass_is_never_repeated()
    {
        Policy.ShouldRepeat(Step(passed: true, steal: 30), repeatsSoFar: 0).ShouldBeFalse();
    }

    [Fact]
    public void Repeats_stop_at_the_maximum()
    {
        Policy.ShouldRepeat(Step(passed: false, steal: 30), repeatsSoFar: 1).ShouldBeFalse();
        new StealRepeatPolicy(5, MaxRepeats: 0).ShouldRepeat(Step(passed: false, steal: 30), repeatsSoFar: 0).ShouldBeFalse();
    }

    [Fact]
    public void A_repeated_attempt_keeps_its_figures_and_is_marked()
    {
        var marked = StealRepeatPolicy.MarkRepeated(Step(passed: false, steal: 12));

        marked.Passed.ShouldBeFalse();
        marked.Figures["p99_frame_ms"].ShouldBe(7.2);
        marked.Figures[StealRepeatPolicy.RepeatedKey].ShouldBe(true);
    }
}
