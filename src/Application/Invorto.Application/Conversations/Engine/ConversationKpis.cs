namespace Invorto.Application.Conversations.Engine;

/// <summary>One call's KPI summary (spec §8), kept in the call's usage as <c>kpis</c>; null where nothing was measured.</summary>
public sealed record ConversationKpis(
    int Turns,
    double? TurnLatencyP50Ms,
    double? TurnLatencyP95Ms,
    double? AsrFirstPartialP50Ms,
    double? EouP50Ms,
    double? LlmFirstTokenP50Ms,
    double? TtsFirstChunkP50Ms,
    double? BargeinCutoffP50Ms,
    int BargeIns);
