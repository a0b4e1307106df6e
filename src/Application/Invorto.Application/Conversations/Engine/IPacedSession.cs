namespace Invorto.Application.Conversations.Engine;

/// <summary>Something the <see cref="AudioPacer"/> ticks on its grid; <see cref="OnTick"/> must not block for long.</summary>
public interface IPacedSession
{
    /// <summary>
    /// One tick of the grid; <paramref name="tick"/> is its scheduled <see cref="System.Diagnostics.Stopwatch"/> timestamp,
    /// which a stalled pacer may reach late. With <paramref name="mayWait"/> false the session returns false instead of
    /// waiting for a lock another thread holds, and the pacer ticks it again, waiting, after the other sessions.
    /// </summary>
    bool OnTick(long tick, bool mayWait);
}
