using Invorto.Application.Conversations;

namespace Invorto.Infrastructure.Timeline;

/// <summary>
/// The live stream of each call's timeline (spec §10: Redis stream <c>events:{callId}</c>, at most about 10,000 entries,
/// or its in-process substitute): <see cref="TimelineWriter"/> appends batches, readers see a call's recent entries in order.
/// </summary>
public interface ICallTimelineStream
{
    public const int MaxLength = 10_000;

    /// <summary>How long a call's stream outlives its last entry (the session record's TTL), so ended calls do not pile up.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(2);

    /// <summary>Appends the entries in order; all or none (a failed batch can be retried without duplicates).</summary>
    Task AppendAsync(IReadOnlyList<TimelineEntry> entries, CancellationToken cancellationToken);

    /// <summary>The call's stream, oldest first.</summary>
    Task<IReadOnlyList<TimelineStreamEntry>> ReadAsync(Guid callId, CancellationToken cancellationToken);
}
