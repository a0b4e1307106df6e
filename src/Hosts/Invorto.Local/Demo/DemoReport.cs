namespace Invorto.Local.Demo;

/// <summary>What the demo call did: transcript, tool call, turns with their latencies, and the audio files.</summary>
public sealed record DemoReport(
    Guid CallId,
    string? EndReason,
    IReadOnlyList<DemoLine> Transcript,
    DemoToolCall? ToolCall,
    IReadOnlyList<DemoTurn> Turns,
    IReadOnlyDictionary<string, double> CallKpis,
    string OutputDirectory,
    IReadOnlyList<DemoAudioFile> Audio);
