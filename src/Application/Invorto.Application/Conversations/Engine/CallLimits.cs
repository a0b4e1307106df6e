using Invorto.Application.Agents.Configuration;
using Invorto.Application.Conversations.Transport;

namespace Invorto.Application.Conversations.Engine;

/// <summary>
/// The agent's limits on a call: its maximum duration, the silence after which it hangs up, and the phrases that end it;
/// and, once the call is ending, why. Checked by the pacer about once a second; guarded by the session's lock.
/// </summary>
internal sealed class CallLimits(EndCallSettings settings, long startedAt, EngineClock clock)
{
    private readonly long _startedAt = startedAt;
    private long _nextCheckAt;
    private long _lastActivityAt = startedAt;

    /// <summary>The call is ending: no new limit fires, and the reply that finishes next ends it.</summary>
    public bool Stopping { get; private set; }

    public string? StopReason { get; private set; }

    /// <summary>Someone spoke (the caller's voice, the agent's audio): the silence clock restarts.</summary>
    public void Activity(long now) => _lastActivityAt = now;

    /// <summary>The call ends for <paramref name="reason"/> after the reply under way (the first reason given wins).</summary>
    public void EndAfterReply(string reason)
    {
        Stopping = true;
        StopReason ??= reason;
    }

    /// <summary>The call ends for <paramref name="reason"/> once the goodbye being said has played.</summary>
    public void EndWithGoodbye(string reason)
    {
        Stopping = true;
        StopReason = reason;
    }

    public void StopNow() => Stopping = true;

    /// <summary>At most once a second: a stop with a goodbye when the call has lasted too long or been silent too long.</summary>
    public SessionSignal.Stop? CheckLocked(long now, bool quiet)
    {
        if (now < _nextCheckAt || Stopping)
        {
            return null;
        }

        _nextCheckAt = now + clock.Time.TimestampFrequency;
        if (clock.Milliseconds(_startedAt, now) >= settings.MaxDurationSec * 1000.0)
        {
            Stopping = true;
            return new SessionSignal.Stop(ConversationEndReasons.MaxDuration, SayGoodbye: true);
        }

        if (quiet && clock.Milliseconds(_lastActivityAt, now) >= settings.SilenceHangupSec * 1000.0)
        {
            Stopping = true;
            return new SessionSignal.Stop(ConversationEndReasons.Silence, SayGoodbye: true);
        }

        return null;
    }

    /// <summary>True when the caller's words contain one of the agent's end-of-call phrases.</summary>
    public bool IsEndPhrase(string text)
    {
        foreach (var phrase in settings.Phrases)
        {
            if (!string.IsNullOrWhiteSpace(phrase) && text.Contains(phrase, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
