namespace Invorto.Bench.Realtime;

/// <summary>The verdict and figures of one step.</summary>
public sealed record StepOutcome(int Sessions, bool Passed, IReadOnlyDictionary<string, object?> Figures);
