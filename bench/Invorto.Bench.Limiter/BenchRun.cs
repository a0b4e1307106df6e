namespace Invorto.Bench.Limiter;

/// <summary>The hammers of one run, summed. The rate is over the union of their windows, so it never flatters.</summary>
internal sealed record BenchRun(int Processes, int LoopsPerProcess, string KeyPrefix, IReadOnlyList<HammerReport> Reports)
{
    public double WindowSeconds =>
        (Reports.Max(r => r.EndedAtUnixMs) - Reports.Min(r => r.StartedAtUnixMs)) / 1000.0;

    public long Pairs => Reports.Sum(r => r.Pairs);

    public long Attempts => Reports.Sum(r => r.Attempts);

    public long Rejections => Reports.Sum(r => r.Rejections);

    public long Unavailable => Reports.Sum(r => r.Unavailable);

    public long OverAdmissions => Reports.Sum(r => r.OverAdmissions);

    public long MaxHeld => Reports.Max(r => r.MaxHeld);

    public double PairsPerSecond => Pairs / WindowSeconds;

    public double AttemptsPerSecond => Attempts / WindowSeconds;
}
