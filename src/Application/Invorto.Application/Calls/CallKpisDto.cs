namespace Invorto.Application.Calls;

/// <summary>
/// A call's KPI summary (spec §8), read from the <c>kpis</c> object of the call's usage (or of its summary) that the
/// realtime engine writes; a field it did not write is null.
/// </summary>
public sealed record CallKpisDto(
    int? Turns,
    double? TurnLatencyP50Ms,
    double? TurnLatencyP95Ms,
    double? AsrFirstPartialP50Ms,
    double? EouP50Ms,
    double? LlmFirstTokenP50Ms,
    double? TtsFirstChunkP50Ms,
    double? BargeinCutoffP50Ms,
    int? BargeIns);
