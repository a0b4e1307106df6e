namespace Invorto.Infrastructure.Timeline;

/// <summary>One entry of a call's live stream (<c>events:{callId}</c>): the stream's own id, and the fields <c>kind</c>, <c>at</c>, <c>payload</c>.</summary>
public sealed record TimelineStreamEntry(string Id, string Kind, DateTimeOffset At, string? PayloadJson);
