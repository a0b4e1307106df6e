namespace Invorto.Bench.Realtime;

/// <summary>
/// When a failed step is measured again: the hypervisor took at least <see cref="ThresholdPct"/> % of the machine's CPU
/// time from this guest during its window (host CPU steal, the load of other tenants), so the failure may not be the
/// server's. At most <see cref="MaxRepeats"/> repeats per step; every attempt stays in the run file.
/// </summary>
public sealed record StealRepeatPolicy(double ThresholdPct, int MaxRepeats)
{
    public const string RepeatedKey = "repeated_for_steal";

    public bool ShouldRepeat(StepOutcome step, int repeatsSoFar) =>
        !step.Passed
        && repeatsSoFar < MaxRepeats
        && step.Figures.GetValueOrDefault("steal_pct") is double steal
        && steal >= ThresholdPct;

    /// <summary>The step's figures marked as a discarded attempt.</summary>
    public static StepOutcome MarkRepeated(StepOutcome step)
    {
        var figures = new Dictionary<string, object?>(step.Figures) { [RepeatedKey] = true };
        return step with { Figures = figures };
    }
}
