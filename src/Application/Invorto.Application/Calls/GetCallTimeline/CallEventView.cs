namespace Invorto.Application.Calls.GetCallTimeline;

/// <summary>One stored timeline entry of a call.</summary>
public sealed record CallEventView(long Id, DateTimeOffset Ts, string Kind, string? PayloadJson);
