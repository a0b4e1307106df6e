namespace Invorto.Bench.Realtime;

/// <summary>The histograms shared by every session of one step (recorded into from many threads).</summary>
public sealed class StepMetrics
{
    public MeasureWindow Window { get; } = new();

    public Histogram Lateness { get; } = new();

    public Histogram OneWay { get; } = new();

    public Histogram TurnOverhead { get; } = new();

    public Histogram BargeInCutoff { get; } = new();
}
