namespace Invorto.Application.Conversations;

/// <summary>
/// The liveness record of a call's media session (spec §7): written when the session opens and on every slot renewal,
/// removed when it ends. The stale-call reaper ends answered calls whose record is missing or old.
/// </summary>
public interface ISessionHeartbeat
{
    /// <summary>Records that the session is alive now. A store outage is logged and swallowed: the slot renewal is what fails closed.</summary>
    Task BeatAsync(SessionBeat beat, CancellationToken cancellationToken);

    /// <summary>Removes the record when the session ends (idempotent).</summary>
    Task EndAsync(Guid callId, CancellationToken cancellationToken);

    /// <summary>The last beat of the call's session, or null when there is none. A store outage throws, so nobody mistakes it for a dead session.</summary>
    Task<SessionBeat?> FindAsync(Guid callId, CancellationToken cancellationToken);
}
