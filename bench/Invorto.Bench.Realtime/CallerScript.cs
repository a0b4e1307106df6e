namespace Invorto.Bench.Realtime;

/// <summary>
/// What one simulated caller says on each 20 ms tick: a speech burst, then silence until the agent's answer has ended
/// (no agent frame for 300 ms) plus 400 ms, again and again; every 4th burst instead starts 600 ms into the agent's answer
/// (a barge-in). An answer that never comes is given up after 5 s. Driven by one sender thread; the agent timestamps come
/// from the session's receive loop (0 = none yet).
/// </summary>
public sealed class CallerScript
{
    public const double QuietBeforeTurnMs = 700;
    public const double BargeInAfterMs = 600;
    public const double SpeakingGapMs = 100;
    public const double AnswerTimeoutMs = 5_000;

    private readonly byte[][] _burst;
    private readonly double _ticksPerMs;
    private readonly long _firstTurnAt;
    private int _frame = -1;
    private long _burstStart;
    private long _burstEnd;

    public CallerScript(byte[][] burst, double ticksPerMs, long firstTurnAt)
    {
        _burst = burst;
        _ticksPerMs = ticksPerMs;
        _firstTurnAt = firstTurnAt;
    }

    public int Turns { get; private set; }

    public int BargeIns { get; private set; }

    public int SkippedBargeIns { get; private set; }

    public int Unanswered { get; private set; }

    /// <summary>
    /// The frame to send at <paramref name="now"/>: a burst frame, or null for silence. <paramref name="bargeInOnset"/> is
    /// true on the first frame of a barge-in burst.
    /// </summary>
    public byte[]? Next(long now, long lastAgentFrame, long agentUtteranceStart, out bool bargeInOnset)
    {
        bargeInOnset = false;
        if (_frame >= 0)
        {
            return NextBurstFrame(now);
        }

        var start = false;
        if (Turns == 0)
        {
            start = now >= _firstTurnAt && (lastAgentFrame == 0 || Ms(now - lastAgentFrame) >= QuietBeforeTurnMs);
        }
        else
        {
            var answerStarted = agentUtteranceStart > _burstStart;
            var agentSpeaking = lastAgentFrame != 0 && Ms(now - lastAgentFrame) < SpeakingGapMs;
            if (Turns % 4 == 3 && answerStarted && agentSpeaking && Ms(now - agentUtteranceStart) >= BargeInAfterMs)
            {
                start = bargeInOnset = true;
                BargeIns++;
            }
            else if (answerStarted && Ms(now - lastAgentFrame) >= QuietBeforeTurnMs)
            {
                start = true;
                SkippedBargeIns += Turns % 4 == 3 ? 1 : 0;
            }
            else if (!answerStarted && Ms(now - _burstEnd) >= AnswerTimeoutMs)
            {
                start = true;
                Unanswered++;
            }
        }

        if (!start)
        {
            return null;
        }

        Turns++;
        _burstStart = now;
        _frame = 0;
        return NextBurstFrame(now);
    }

    private byte[] NextBurstFrame(long now)
    {
        var frame = _burst[_frame++];
        if (_frame == _burst.Length)
        {
            _frame = -1;
            _burstEnd = now;
        }

        return frame;
    }

    private double Ms(long ticks) => ticks / _ticksPerMs;
}
