namespace Invorto.Domain.Conversations.Turns;

/// <summary>
/// An agent's endpointing settings (spec §3): <paramref name="WaitMs"/> is the parsed <c>waitFunction</c>, called with
/// x = 1 − the recognizer's final confidence. <paramref name="Enabled"/> is false for the "off" provider.
/// </summary>
public sealed record EndpointingRules(int SilenceMs, int MinWords, double ConfidenceThreshold, Func<double, double> WaitMs, bool Enabled = true)
{
    public const int MaxWaitMs = 3000;

    public int SilenceMs { get; init; } = SilenceMs is >= 0 and <= MaxWaitMs
        ? SilenceMs
        : throw new ArgumentOutOfRangeException(nameof(SilenceMs), SilenceMs, $"Silence is 0 to {MaxWaitMs} ms.");

    public int MinWords { get; init; } = MinWords >= 0
        ? MinWords
        : throw new ArgumentOutOfRangeException(nameof(MinWords), MinWords, "Minimum words cannot be negative.");

    public double ConfidenceThreshold { get; init; } = ConfidenceThreshold is >= 0 and <= 1
        ? ConfidenceThreshold
        : throw new ArgumentOutOfRangeException(nameof(ConfidenceThreshold), ConfidenceThreshold, "Confidence threshold is 0 to 1.");

    public Func<double, double> WaitMs { get; init; } = WaitMs ?? throw new ArgumentNullException(nameof(WaitMs));

    /// <summary>The spec's defaults: 220 ms, 2 words, 0.65, <c>200 + 8000 * x</c>.</summary>
    public static EndpointingRules Default { get; } = new(220, 2, 0.65, x => 200 + (8000 * x));

    /// <summary>How long the caller must stay silent after the last word, in whole milliseconds clamped to [SilenceMs, 3000].</summary>
    public TimeSpan WaitAfterLastWord(double confidence)
    {
        var x = double.IsNaN(confidence) ? 1 : 1 - Math.Clamp(confidence, 0, 1);
        var ms = WaitMs(x);
        ms = double.IsNaN(ms) ? MaxWaitMs : Math.Clamp(Math.Round(ms), SilenceMs, MaxWaitMs);
        return TimeSpan.FromMilliseconds(ms);
    }
}
