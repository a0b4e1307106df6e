using Invorto.Application.Conversations.Usage;
using Invorto.Domain.Calls;

namespace Invorto.Application.Calls.Costs;

/// <summary>Turns a call's usage into cost lines at the configured rates: one per provider used, zero-cost ones included.</summary>
public sealed class CallCostCalculator(CostRates rates)
{
    public const string PlatformProvider = "invorto";

    public IReadOnlyList<CallCostLine> Calculate(string transport, decimal transportMinutes, ConversationUsage usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        var lines = new List<CallCostLine>
        {
            new(CallCostType.Transport, transport, transportMinutes, null, rates.Inr(transportMinutes * rates.UsdPer(CostRates.Transport, transport))),
        };
        lines.AddRange(usage.Recognition.Select(use =>
        {
            var minutes = (decimal)use.Seconds / 60m;
            return new CallCostLine(CallCostType.Stt, use.Provider, minutes, null, rates.Inr(minutes * rates.UsdPer(CostRates.Stt, use.Provider)));
        }));
        lines.AddRange(usage.Synthesis.Select(use =>
            new CallCostLine(CallCostType.Tts, use.Provider, null, use.Characters, rates.Inr(use.Characters / 1000m * rates.UsdPer(CostRates.Tts, use.Provider)))));
        lines.AddRange(usage.Models.Select(use =>
        {
            var usd = (use.TokensIn * rates.UsdPer(CostRates.LlmInput, use.Provider) + use.TokensOut * rates.UsdPer(CostRates.LlmOutput, use.Provider)) / 1_000_000m;
            return new CallCostLine(CallCostType.Llm, use.Provider, null, use.TokensIn + use.TokensOut, rates.Inr(usd));
        }));
        var platform = rates.UsdPer(CostRates.Platform, PlatformProvider);
        if (platform > 0)
        {
            lines.Add(new CallCostLine(CallCostType.Platform, PlatformProvider, transportMinutes, null, rates.Inr(transportMinutes * platform)));
        }

        return lines;
    }
}
