namespace Invorto.Infrastructure.Conversations.Providers.Espeak;

/// <summary>
/// Which eSpeak voice speaks for an agent and how fast: the configured voice id when eSpeak knows it (<c>en-us</c>,
/// <c>hi</c>, <c>en-gb-x-rp</c> ...), else the agent's locale (<c>en-us</c>), else its language (<c>en-IN</c> → <c>en</c>,
/// <c>hi-IN</c> → <c>hi</c>), else English. A cloud voice id such as <c>aura-2-thalia-en</c> is simply not found.
/// </summary>
internal static class EspeakVoiceChoice
{
    public const string LastResort = "en";
    private const int MaxNameLength = 64;

    public static IReadOnlyList<string> Candidates(string? voiceId, string? locale)
    {
        var candidates = new List<string>(4);
        Add(candidates, voiceId);
        if (!string.IsNullOrWhiteSpace(locale))
        {
            var normalized = locale.Trim().Replace('_', '-').ToLowerInvariant();
            Add(candidates, normalized);
            var dash = normalized.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0)
            {
                Add(candidates, normalized[..dash]);
            }
        }

        Add(candidates, LastResort);
        return candidates;
    }

    /// <summary>The agent's speed (1.0 = normal, spec range 0.5–2.0) as eSpeak's words per minute (80–450).</summary>
    public static int WordsPerMinute(double rate)
    {
        if (double.IsNaN(rate) || rate <= 0)
        {
            return EspeakNative.NormalRate;
        }

        var wordsPerMinute = Math.Round(EspeakNative.NormalRate * rate, MidpointRounding.AwayFromZero);
        return (int)Math.Clamp(wordsPerMinute, EspeakNative.MinimumRate, EspeakNative.MaximumRate);
    }

    private static void Add(List<string> candidates, string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return;
        }

        var trimmed = name.Trim();
        if (trimmed.Length > MaxNameLength || !trimmed.All(IsNameCharacter))
        {
            return;
        }

        if (!candidates.Contains(trimmed, StringComparer.OrdinalIgnoreCase))
        {
            candidates.Add(trimmed);
        }
    }

    private static bool IsNameCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '+' or '/';
}
