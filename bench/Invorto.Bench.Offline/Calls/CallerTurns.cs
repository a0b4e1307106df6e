namespace Invorto.Bench.Offline.Calls;

/// <summary>
/// What one simulated caller sends on each 20 ms tick: after the agent's greeting, a phrase, then silence until the
/// agent has answered and gone quiet for <see cref="QuietBeforeTurnMs"/>, then the next phrase (round robin from its own
/// starting point). An answer that has not started <see cref="AnswerTimeoutMs"/> after the caller's voice ended is given
/// up. Driven by one sender thread; the agent's last frame time comes from the receive loop (0 = none yet).
/// </summary>
public sealed class CallerTurns(IReadOnlyList<SpokenPhrase> phrases, int firstPhrase, double ticksPerMs, long firstTurnAt)
{
    public const double QuietBeforeTurnMs = 700;
    public const double AnswerTimeoutMs = 6_000;
    public const double GreetingTimeoutMs = 5_000;

    private SpokenPhrase? _speaking;
    private SpokenPhrase? _last;
    private int _frame;
    private long _voicedEndAt;

    public int Turns { get; private set; }

    public int Unanswered { get; private set; }

    /// <summary>The phrase of the current or last turn.</summary>
    public string? Phrase => _last?.Text;

    /// <summary>
    /// The frame to send at <paramref name="now"/> (null: silence). <paramref name="voicedEnd"/> is true on a phrase's last
    /// voiced frame; <paramref name="gaveUp"/> when the pending answer was given up at this tick.
    /// </summary>
    public byte[]? Next(long now, long lastAgentFrame, bool answerPending, out bool voicedEnd, out bool gaveUp)
    {
        voicedEnd = false;
        gaveUp = false;
        if (_speaking is { } phrase)
        {
            voicedEnd = _frame == phrase.LastVoiced;
            if (voicedEnd)
            {
                _voicedEndAt = now;
            }

            var frame = phrase.Frames[_frame++];
            if (_frame == phrase.Frames.Length)
            {
                _speaking = null;
            }

            return frame;
        }

        if (answerPending)
        {
            if (Ms(now - _voicedEndAt) < AnswerTimeoutMs)
            {
                return null;
            }

            gaveUp = true;
            Unanswered++;
        }

        var agentQuiet = lastAgentFrame != 0 ? Ms(now - lastAgentFrame) >= QuietBeforeTurnMs : Turns > 0 || Ms(now - firstTurnAt) >= GreetingTimeoutMs;
        if (now < firstTurnAt || !agentQuiet || (Turns > 0 && Ms(now - _voicedEndAt) < QuietBeforeTurnMs))
        {
            return null;
        }

        _speaking = _last = phrases[(firstPhrase + Turns) % phrases.Count];
        Turns++;
        _frame = 0;
        return Next(now, lastAgentFrame, answerPending: false, out voicedEnd, out _);
    }

    private double Ms(long ticks) => ticks / ticksPerMs;
}
