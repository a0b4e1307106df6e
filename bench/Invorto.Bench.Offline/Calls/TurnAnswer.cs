namespace Invorto.Bench.Offline.Calls;

/// <summary>One answered turn: when the caller's voice ended, and how long until the agent's first audio frame.</summary>
/// <param name="FromVoicedEndMs">From the caller's last voiced frame sent (endpointing wait included).</param>
/// <param name="FromSttFinalMs">From <c>stt.final</c> received (the turn already ended), or null when none came between.</param>
public sealed record TurnAnswer(long VoicedEndAt, double FromVoicedEndMs, double? FromSttFinalMs);
