namespace Invorto.Application.Calls;

/// <summary>What the conversation came to, from the call's summary (<c>outcome</c>, <c>nextStep</c>, <c>notes</c>).</summary>
public sealed record CallAnalysisDto(string? Outcome, string? NextStep, string? Notes);
