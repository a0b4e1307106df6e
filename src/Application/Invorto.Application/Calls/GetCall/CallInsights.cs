using System.Text.Json;

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
            using var document = TryParse(json);
            if (document?.RootElement is { ValueKind: JsonValueKind.Object } root
                && root.TryGetProperty(KpisProperty, out var kpis)
                && kpis.ValueKind == JsonValueKind.Object)
            {
                return new CallKpisDto(
                    Int(kpis, "turns"),
                    Number(kpis, "turnLatencyP50Ms"),
                    Number(kpis, "turnLatencyP95Ms"),
                    Number(kpis, "asrFirstPartialP50Ms"),
                    Number(kpis, "eouP50Ms"),
                    Number(kpis, "llmFirstTokenP50Ms"),
                    Number(kpis, "ttsFirstChunkP50Ms"),
                    Number(kpis, "bargeinCutoffP50Ms"),
                    Int(kpis, "bargeIns"));
            }
        }

        return null;
    }

    /// <summary><c>outcome</c>, <c>nextStep</c> and <c>notes</c> of the summary; null when it has none of them.</summary>
    public static CallAnalysisDto? AnalysisFrom(string? summaryJson)
    {
        using var document = TryParse(summaryJson);
        if (document?.RootElement is not { ValueKind: JsonValueKind.Object } root)
        {
            return null;
        }

        var analysis = new CallAnalysisDto(Text(root, "outcome"), Text(root, "nextStep"), Text(root, "notes"));
        return analysis is { Outcome: null, NextStep: null, Notes: null } ? null : analysis;
    }

    private static JsonDocument? TryParse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static double? Number(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;

    private static int? Int(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;

    private static string? Text(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
