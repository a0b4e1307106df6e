namespace Invorto.Local.Demo;

/// <summary>
/// One caller turn: the line said and as recognized; measured by the demo's client from the caller's last voiced frame
/// sent, the end of the turn (<c>stt.final</c> received) and the agent's first audio frame received; and the durations
/// the platform recorded for the turn.
/// </summary>
public sealed record DemoTurn(
    string Said,
    string Recognized,
    double? Confidence,
    double EndOfTurnMs,
    double FirstAudioMs,
    IReadOnlyList<DemoServerStep> ServerSteps);
