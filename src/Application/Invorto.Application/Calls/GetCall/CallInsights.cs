using System.Text.Json;
using Invorto.Application.Common;

namespace Invorto.Application.Calls.GetCall;

/// <summary>
/// Reads the KPI and analysis shapes out of the JSON the realtime engine stores on a call. Tolerant: a missing
/// document, a missing object or a field of the wrong type gives null, never an error, so one odd row cannot break
/// <c>GET /v1/calls/{id}</c>.
/// </summary>
public static class CallInsights
{
    public const string KpisProperty = "kpis";

    /// <summary>The <c>kpis</c> object of <paramref name="usageJson"/>, else of <paramref name="summaryJson"/>; null when neither has one.</summary>
    public static CallKpisDto? KpisFrom(string? usageJson, string? summaryJson)
    {
        foreach (var json in new[] { usageJson, summaryJson })
        {
            using var document = JsonFields.TryParse(json);
            if (document?.RootElement is { ValueKind: JsonValueKind.Object } root
                && root.TryGetProperty(KpisProperty, out var kpis)
                && kpis.ValueKind == JsonValueKind.Object)
            {
                return new CallKpisDto(
                    JsonFields.Int(kpis, "turns"),
                    JsonFields.Number(kpis, "turnLatencyP50Ms"),
                    JsonFields.Number(kpis, "turnLatencyP95Ms"),
                    JsonFields.Number(kpis, "asrFirstPartialP50Ms"),
                    JsonFields.Number(kpis, "eouP50Ms"),
                    JsonFields.Number(kpis, "llmFirstTokenP50Ms"),
                    JsonFields.Number(kpis, "ttsFirstChunkP50Ms"),
                    JsonFields.Number(kpis, "bargeinCutoffP50Ms"),
                    JsonFields.Int(kpis, "bargeIns"));
            }
        }

        return null;
    }

    /// <summary><c>outcome</c>, <c>nextStep</c> and <c>notes</c> of the summary; null when it has none of them.</summary>
    public static CallAnalysisDto? AnalysisFrom(string? summaryJson)
    {
        using var document = JsonFields.TryParse(summaryJson);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Object } root)
        {
            return null;
        }

        var analysis = new CallAnalysisDto(JsonFields.Text(root, "outcome"), JsonFields.Text(root, "nextStep"), JsonFields.Text(root, "notes"));
        return analysis is { Outcome: null, NextStep: null, Notes: null } ? null : analysis;
    }
}
