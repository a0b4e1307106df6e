namespace Invorto.Local.Demo;

/// <summary>The agent's tool call: what the calendar endpoint received, and the outcome on the call's timeline.</summary>
public sealed record DemoToolCall(
    string Name,
    string Url,
    IReadOnlyList<string> ReceivedBodies,
    bool Succeeded,
    int? HttpStatus,
    double? DurationMs,
    string? Result,
    string? Error);
