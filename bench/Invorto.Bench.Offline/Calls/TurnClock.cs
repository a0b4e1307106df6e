namespace Invorto.Bench.Offline.Calls;

/// <summary>
/// Pairs one caller turn with the agent's answer on one clock (<see cref="System.Diagnostics.Stopwatch"/> ticks): the
/// turn's last voiced frame sent, the <c>stt.final</c> that ended it, and the agent's first audio frame after them. A frame
/// arriving while no turn is pending (the rest of an answer, the greeting) pairs with nothing.
/// </summary>
public sealed class TurnClock(double ticksPerMs)
{
    private long _voicedEnd;
    private long _sttFinal;

    /// <summary>Whether a turn has ended on the caller's side and its answer has not started yet.</summary>
    public bool Pending => _voicedEnd != 0;

    public void OnVoicedEnd(long at)
    {
        _voicedEnd = at;
        _sttFinal = 0;
    }

    public void OnSttFinal(long at)
    {
        if (_voicedEnd != 0 && _sttFinal == 0)
        {
            _sttFinal = at;
        }
    }

    /// <summary>The answer this frame starts, or null when it starts none.</summary>
    public TurnAnswer? OnAgentFrame(long at)
    {
        if (_voicedEnd == 0)
        {
            return null;
        }

        var answer = new TurnAnswer(
            _voicedEnd,
            (at - _voicedEnd) / ticksPerMs,
            _sttFinal == 0 ? null : (at - _sttFinal) / ticksPerMs);
        _voicedEnd = 0;
        _sttFinal = 0;
        return answer;
    }

    /// <summary>Gives up on the pending turn (no answer came).</summary>
    public void Abandon()
    {
        _voicedEnd = 0;
        _sttFinal = 0;
    }
}
