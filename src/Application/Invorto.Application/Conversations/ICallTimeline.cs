namespace Invorto.Application.Conversations;

/// <summary>
/// Appends timeline facts of a call (spec §1, §10) without ever blocking or throwing on the caller's (audio) path:
/// entries are queued and written off the path, in order per call, to the call's live stream and to <c>call_events</c>.
/// When the queue is full an entry is dropped and counted rather than waited for.
/// </summary>
public interface ICallTimeline
{
    void Append(TimelineEntry entry);
}
