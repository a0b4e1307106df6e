namespace Invorto.Domain.Conversations.Turns;

/// <summary>Decides when the caller's turn is over (spec §8), from the recognizer's finals and the voice activity.</summary>
public static class Endpointing
{
    /// <summary>Low-confidence or short text still ends the turn after this much silence, so a turn never gets stuck.</summary>
    public static readonly TimeSpan NeverStuckWait = TimeSpan.FromMilliseconds(1500);

    /// <param name="rules">The agent's endpointing rules.</param>
    /// <param name="pendingText">The recognizer's final text accumulated in this caller turn (possibly several finals).</param>
    /// <param name="lastConfidence">The last final's confidence.</param>
    /// <param name="sinceLastSpeech">Time since the last voiced audio or the last word.</param>
    /// <param name="callerSpeaking">Whether voice activity detection hears the caller now.</param>
    public static EndpointingDecision Decide(EndpointingRules rules, string pendingText, double lastConfidence, TimeSpan sinceLastSpeech, bool callerSpeaking)
    {
        var words = CountWords(pendingText);
        if (words == 0)
        {
            return new EndpointingDecision(EndpointingVerdict.KeepListening, Timeout.InfiniteTimeSpan);
        }

        if (!rules.Enabled)
        {
            return new EndpointingDecision(EndpointingVerdict.EndTurn, TimeSpan.Zero);
        }

        var wait = rules.WaitAfterLastWord(lastConfidence);
        var confident = words >= rules.MinWords && lastConfidence >= rules.ConfidenceThreshold;
        if (!confident)
        {
            var stuckWait = wait > NeverStuckWait ? wait : NeverStuckWait;
            return !callerSpeaking && sinceLastSpeech >= stuckWait
                ? new EndpointingDecision(EndpointingVerdict.EndTurn, TimeSpan.Zero)
                : new EndpointingDecision(EndpointingVerdict.KeepListening, Left(stuckWait, callerSpeaking, sinceLastSpeech));
        }

        if (callerSpeaking)
        {
            return new EndpointingDecision(EndpointingVerdict.KeepListening, wait);
        }

        return sinceLastSpeech >= wait
            ? new EndpointingDecision(EndpointingVerdict.EndTurn, TimeSpan.Zero)
            : new EndpointingDecision(EndpointingVerdict.WaitMore, wait - sinceLastSpeech);
    }

    /// <summary>Counts runs of letters, digits and apostrophes; punctuation and hyphens separate words.</summary>
    public static int CountWords(ReadOnlySpan<char> text) => Words.Count(text);

    private static TimeSpan Left(TimeSpan wait, bool callerSpeaking, TimeSpan sinceLastSpeech) =>
        callerSpeaking || sinceLastSpeech <= TimeSpan.Zero ? wait : wait - sinceLastSpeech;
}
