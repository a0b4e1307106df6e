namespace Invorto.Domain.Conversations.Turns;

/// <summary>
/// An agent's endpointing settings (spec §3): <paramref name="WaitMs"/> is the parsed <c>waitFunction</c>, called with
/// x = 1 − the recognizer's final confidence. <paramref name="Enabled"/> is false for the "off" provider.
/// </summary>
public sealed record EndpointingRules(int SilenceMs, int MinWords, double ConfidenceThreshold, Func<double, double> WaitMs, bool Enabled = true)
{
    public const int MaxWaitMs = 3000;

    private readonly int _silenceMs = ValidSilence(SilenceMs);
    private readonly int _minWords = ValidMinWords(MinWords);
    private readonly double _confidenceThreshold = ValidThreshold(ConfidenceThreshold);

    public int SilenceMs { get => _silenceMs; init => _silenceMs = ValidSilence(value); }

    public int MinWords { get => _minWords; init => _minWords = ValidMinWords(value); }

    public double ConfidenceThreshold { get => _confidenceThreshold; init => _confidenceThreshold = ValidThreshold(value); }

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

    private static int ValidSilence(int silenceMs) => silenceMs is >= 0 and <= MaxWaitMs
        ? silenceMs
        : throw new ArgumentOutOfRangeException(nameof(silenceMs), silenceMs, $"Silence is 0 to {MaxWaitMs} ms.");

    private static int ValidMinWords(int minWords) => minWords >= 0
        ? minWords
        : throw new ArgumentOutOfRangeException(nameof(minWords), minWords, "Minimum words cannot be negative.");

    private static double ValidThreshold(double confidenceThreshold) => confidenceThreshold is >= 0 and <= 1
        ? confidenceThreshold
        : throw new ArgumentOutOfRangeException(nameof(confidenceThreshold), confidenceThreshold, "Confidence threshold is 0 to 1.");
}
