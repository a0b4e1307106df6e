namespace Invorto.Domain.Conversations.Turns;

/// <summary>Decides whether caller speech interrupts the agent while it speaks (spec §8).</summary>
public static class BargeIn
{
    /// <summary>
    /// Interrupts when the agent is speaking, the rules allow it, and either the partial holds at least MinWords
    /// words that are not backchannels, or the caller has spoken for MinSpeechMs and the partial is not only
    /// backchannels (an empty partial is not known yet, so duration alone decides).
    /// </summary>
    public static BargeInVerdict Decide(BargeInRules rules, bool agentSpeaking, TimeSpan speechDuration, string? partialText)
    {
        if (!agentSpeaking || !rules.Interruptible)
        {
            return BargeInVerdict.Ignore;
        }

        var (words, otherWords) = Scan(rules.Backchannels, partialText);
        if (otherWords >= Math.Max(1, rules.MinWords))
        {
            return BargeInVerdict.Interrupt;
        }

        var backchannelOnly = words > 0 && otherWords == 0;
        return speechDuration.TotalMilliseconds >= rules.MinSpeechMs && !backchannelOnly
            ? BargeInVerdict.Interrupt
            : BargeInVerdict.Ignore;
    }

    /// <summary>True when the text has words and every one belongs to a backchannel ("ok", "Mhmm, yeah.").</summary>
    public static bool IsBackchannelOnly(BargeInRules rules, string? text)
    {
        var (words, otherWords) = Scan(rules.Backchannels, text);
        return words > 0 && otherWords == 0;
    }

    /// <summary>Counts the words of <paramref name="text"/> and those not covered by a backchannel phrase (longest match first).</summary>
    private static (int Words, int OtherWords) Scan(IReadOnlySet<string> backchannels, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return (0, 0);
        }

        var span = text.AsSpan();
        var words = 0;
        var otherWords = 0;
        var position = 0;
        while (true)
        {
            var next = position;
            if (!Words.TryNext(span, ref next, out var word))
            {
                return (words, otherWords);
            }

            var start = word.Start.GetOffset(span.Length);
            var matchedEnd = -1;
            var matchedWords = 0;
            foreach (var phrase in backchannels)
            {
                var (end, count) = Match(span, start, phrase);
                if (count > matchedWords)
                {
                    matchedEnd = end;
                    matchedWords = count;
                }
            }

            if (matchedWords > 0)
            {
                words += matchedWords;
                position = matchedEnd;
            }
            else
            {
                words++;
                otherWords++;
                position = next;
            }
        }
    }

    /// <summary>Matches the words of <paramref name="phrase"/> against the text's words from <paramref name="start"/>.</summary>
    private static (int End, int Words) Match(ReadOnlySpan<char> text, int start, string phrase)
    {
        var textPosition = start;
        var phrasePosition = 0;
        var count = 0;
        while (Words.TryNext(phrase, ref phrasePosition, out var phraseWord))
        {
            if (!Words.TryNext(text, ref textPosition, out var textWord)
                || !text[textWord].Equals(phrase.AsSpan()[phraseWord], StringComparison.OrdinalIgnoreCase))
            {
                return (-1, 0);
            }

            count++;
        }

        return (textPosition, count);
    }
}
