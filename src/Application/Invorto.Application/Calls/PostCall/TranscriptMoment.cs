namespace Invorto.Application.Calls.PostCall;

/// <summary>Something that happened at <paramref name="At"/> seconds from the call's answer: a barge-in, DTMF digits, a tool call.</summary>
public sealed record TranscriptMoment(string Kind, double At, string? Detail);
