using Invorto.Application.Conversations;

namespace Invorto.Infrastructure.Timeline;

/// <summary>
/// The call timeline of the embedded mode: <see cref="Append"/> queues the entry (<see cref="TimelineQueue"/>) exactly as
/// <see cref="RedisCallTimeline"/> does, and the live stream is the process's shared <see cref="InProcessTimelineStreams"/>.
/// </summary>
public sealed class InProcessCallTimeline(TimelineQueue queue, InProcessTimelineStreams streams) : ICallTimeline, ICallTimelineStream
{
    public void Append(TimelineEntry entry) => queue.Append(entry);

    public Task AppendAsync(IReadOnlyList<TimelineEntry> entries, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        streams.Append(entries);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<TimelineStreamEntry>> ReadAsync(Guid callId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(streams.Read(callId));
    }
}
