namespace Invorto.Local.Demo;

/// <summary>
/// One line the caller said, as this client saw it: what the platform recognized, and the milliseconds from the last
/// voiced frame sent to the <c>stt.final</c> received and to the agent's first audio frame received.
/// </summary>
internal sealed record CallerTurn(string Said, string Recognized, double? Confidence, double EndOfTurnMs, double FirstAudioMs, long FirstAudioAt);
