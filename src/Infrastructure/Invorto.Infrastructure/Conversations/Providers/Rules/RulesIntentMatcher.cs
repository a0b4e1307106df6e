using Invorto.Application.Agents.Configuration;

namespace Invorto.Infrastructure.Conversations.Providers.Rules;

/// <summary>
/// Picks the intent whose best example shares the most words with what the caller said. An example's score is
/// 0.7 × coverage (the share of the example's terms the caller said) + 0.3 × Jaccard (shared terms over all terms of
/// both), so a short example said inside a longer sentence still matches while a closer sentence wins a tie. Below
/// <see cref="Threshold"/> nothing matches. Equal scores go to the intent listed first.
/// </summary>
internal sealed class RulesIntentMatcher
{
    public const double Threshold = 0.5;

    private readonly List<(Intent Intent, List<HashSet<string>> Examples)> _intents;

    public RulesIntentMatcher(IReadOnlyList<Intent> intents) =>
        _intents = [.. intents.Select(intent => (intent, intent.Examples.Select(RulesText.Terms).Where(terms => terms.Count > 0).ToList()))];

    public Intent? Match(string utterance)
    {
        var said = RulesText.Terms(utterance);
        if (said.Count == 0)
        {
            return null;
        }

        Intent? best = null;
        var bestScore = Threshold - 1e-9;
        foreach (var (intent, examples) in _intents)
        {
            foreach (var example in examples)
            {
                var score = Score(said, example);
                if (score > bestScore)
                {
                    best = intent;
                    bestScore = score;
                }
            }
        }

        return best;
    }

    internal static double Score(HashSet<string> said, HashSet<string> example)
    {
        var shared = example.Count(said.Contains);
        if (shared == 0)
        {
            return 0;
        }

        var coverage = (double)shared / example.Count;
        var jaccard = (double)shared / (said.Count + example.Count - shared);
        return (0.7 * coverage) + (0.3 * jaccard);
    }
}
