namespace Invorto.Application.Calls.PostCall;

/// <summary>
/// <c>transcript.json</c>: what was said, in order (caller lines as recognized, agent lines as generated), and the
/// barge-ins, DTMF and tool calls between them, each at its offset from the call's answer.
/// </summary>
public sealed record CallTranscript(Guid CallId, DateTimeOffset StartedAt, IReadOnlyList<TranscriptMessage> Messages, IReadOnlyList<TranscriptMoment> BargeIns, IReadOnlyList<TranscriptMoment> Dtmf, IReadOnlyList<TranscriptMoment> ToolCalls);
