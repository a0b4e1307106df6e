namespace Invorto.Application.Conversations.Engine;

/// <summary>
/// The engine's view of time: timestamps from the injected <see cref="TimeProvider"/> (the pacer's grid in production, a
/// fake clock in tests) and the 20 ms frame schedule on them. One per factory; it holds no per-session state.
/// </summary>
internal sealed class EngineClock
{
    public EngineClock(TimeProvider time)
    {
        Time = time;
        FramePeriod = time.TimestampFrequency * ConversationOptions.FrameMs / 1000;
        DueTolerance = time.TimestampFrequency * 5 / 2 / 1000;
    }

    public TimeProvider Time { get; }

    /// <summary>One 20 ms frame in timestamp units.</summary>
    public long FramePeriod { get; }

    /// <summary>Half a pacer tick: a frame leaves at the tick nearest its due time, early or late.</summary>
    public long DueTolerance { get; }

    public long Now => Time.GetTimestamp();

    public double Milliseconds(long from, long to) => (to - from) * 1000.0 / Time.TimestampFrequency;

    public long After(long at, TimeSpan span) => at + (long)(span.TotalSeconds * Time.TimestampFrequency);

    /// <summary>True when a 20 ms schedule is due at <paramref name="now"/>, advancing it; a schedule far behind restarts from now.</summary>
    public bool Due(ref long next, long now)
    {
        if (now + DueTolerance < next)
        {
            return false;
        }

        next = now - next < 3 * FramePeriod ? next + FramePeriod : now + FramePeriod;
        return true;
    }
}
