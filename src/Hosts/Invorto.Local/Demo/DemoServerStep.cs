namespace Invorto.Local.Demo;

/// <summary>A duration the platform put on the call's timeline during a turn (<c>llm.first_token</c>, <c>tts.first_chunk</c>, a tool's run).</summary>
public sealed record DemoServerStep(string Name, double Milliseconds);
