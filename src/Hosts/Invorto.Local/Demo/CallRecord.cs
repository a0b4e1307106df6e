using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Invorto.Local.Demo;

/// <summary>
/// The call as the platform recorded it, read over the REST API with the tenant key once the session has ended:
/// <c>GET /v1/calls/{id}/timeline</c> (transcript, tool outcome, per-turn durations) and <c>GET /v1/calls/{id}</c> (KPIs).
/// </summary>
internal sealed record CallRecord(IReadOnlyList<JsonElement> Timeline, IReadOnlyDictionary<string, double> Kpis)
{
    private static readonly string[] StepKinds = ["llm.first_token", "tts.first_chunk", "tool.succeeded", "tool.failed"];

    public static async Task<CallRecord> ReadAsync(HttpClient api, string apiKey, Guid callId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var timeline = await GetAsync(api, apiKey, $"v1/calls/{callId}/timeline", cancellationToken);
            var entries = timeline.GetProperty("data").EnumerateArray().ToList();
            if (entries.Any(entry => Type(entry) == "session.ended")
                && (await GetAsync(api, apiKey, $"v1/calls/{callId}", cancellationToken)).TryGetProperty("kpis", out var kpis)
                && kpis.ValueKind == JsonValueKind.Object)
            {
                return new CallRecord(entries, kpis.EnumerateObject()
                    .Where(kpi => kpi.Value.ValueKind == JsonValueKind.Number)
                    .ToDictionary(kpi => kpi.Name, kpi => kpi.Value.GetDouble()));
            }

            try
            {
                await Task.Delay(250, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw new DemoFailedException("Timed out waiting for the call's timeline and KPIs to be written.");
            }
        }
    }

    /// <summary>Caller lines (<c>stt.final</c>) and agent lines (<c>agent.turn</c>, written when a reply has played out) in order.</summary>
    public IReadOnlyList<DemoLine> Transcript() =>
    [
        .. Timeline
            .Where(entry => Type(entry) is "stt.final" or "agent.turn")
            .Select(entry => new DemoLine(Type(entry) == "stt.final" ? "caller" : "agent", Text(entry, "text") ?? string.Empty)),
    ];

    /// <summary>The outcome of the first tool call: <c>tool.succeeded</c> or <c>tool.failed</c>.</summary>
    public JsonElement? ToolOutcome() =>
        Timeline.FirstOrDefault(entry => Type(entry) is "tool.succeeded" or "tool.failed") is { ValueKind: JsonValueKind.Object } outcome ? outcome : null;

    /// <summary>The durations recorded after the <paramref name="turn"/>th <c>stt.final</c> (1-based) and before the next.</summary>
    public IReadOnlyList<DemoServerStep> StepsOfTurn(int turn)
    {
        var steps = new List<DemoServerStep>();
        var seen = 0;
        foreach (var entry in Timeline)
        {
            var type = Type(entry);
            if (type == "stt.final")
            {
                seen++;
            }
            else if (seen == turn && StepKinds.Contains(type))
            {
                var name = type.StartsWith("tool.", StringComparison.Ordinal) ? $"tool {Text(entry, "name")} ({type[5..]})" : type;
                var ms = entry.TryGetProperty("ms", out var value) || entry.TryGetProperty("durationMs", out value) ? value.GetDouble() : 0;
                steps.Add(new DemoServerStep(name, ms));
            }
        }

        return steps;
    }

    public static string Type(JsonElement entry) => Text(entry, "type") ?? string.Empty;

    public static string? Text(JsonElement entry, string name) =>
        entry.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static async Task<JsonElement> GetAsync(HttpClient api, string apiKey, string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", apiKey) } };
        using var response = await api.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new DemoFailedException($"GET /{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
    }
}
