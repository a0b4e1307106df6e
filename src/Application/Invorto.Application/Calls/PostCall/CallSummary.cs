namespace Invorto.Application.Calls.PostCall;

/// <summary>
/// The call's <c>summary</c>: <paramref name="Outcome"/>, <paramref name="NextStep"/> and <paramref name="Notes"/> (the
/// call detail's <c>analysis</c>), and <paramref name="Source"/>, which says what wrote them.
/// </summary>
public sealed record CallSummary(string Outcome, string NextStep, string Notes, string Source, int CallerTurns, int AgentTurns);
