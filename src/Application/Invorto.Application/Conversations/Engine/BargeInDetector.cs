using Invorto.Application.Agents.Configuration;
using Invorto.Domain.Conversations.Turns;

namespace Invorto.Application.Conversations.Engine;

/// <summary>
/// Decides when the caller's speech cuts the agent off (the agent's barge-in rules: minimum speech and words,
/// backchannels ignored) and, when an interruption never becomes a turn, when the agent resumes with what the caller did
/// not hear. Guarded by the session's lock.
/// </summary>
internal sealed class BargeInDetector(AgentConfig config, ConversationOptions options, EngineClock clock)
{
    private readonly BargeInRules _rules = new(config.Interruptible, config.BargeIn.MinWords, config.BargeIn.MinSpeechMs, BargeInRules.DefaultBackchannels);
    private long _resumeAt;
    private string? _resumeText;

    /// <summary>True when what the caller is saying now interrupts <paramref name="reply"/>.</summary>
    public bool Interrupts(ReplyHandle? reply, CallerTurn caller) =>
        reply is { Speaking: true, Interruptible: true }
        && BargeIn.Decide(_rules, agentSpeaking: true, caller.SpeechSoFar(), caller.Burst) == BargeInVerdict.Interrupt;

    /// <summary>After a cut at <paramref name="at"/>, the agent says <paramref name="remainder"/> unless the caller takes the turn.</summary>
    public void PlanResume(string remainder, long at)
    {
        _resumeText = remainder.Length > 0 ? remainder : null;
        _resumeAt = clock.After(at, options.ResumeAfterInterruption);
    }

    public void CancelResume() => _resumeText = null;

    /// <summary>True when a planned resume is due: its time has come and the caller is quiet.</summary>
    public bool ResumeDue(long now, CallerTurn caller, bool replying) =>
        _resumeText is not null && now >= _resumeAt && !caller.Speaking && caller.Partial.Length == 0 && !replying;

    public string? TakeResume()
    {
        var text = _resumeText;
        _resumeText = null;
        return text;
    }
}
