using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Invorto.Bench.Offline.Calls;

/// <summary>
/// A tenant and its agents in a fresh embedded (SQLite) data directory, made as an operator and a customer make them:
/// <c>Invorto.Api create-tenant</c>, then <c>POST /v1/agents</c> on a short-lived Api host.
/// </summary>
public static class BenchTenant
{
    private static readonly JsonSerializerOptions Body = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static async Task<(string ApiKey, IReadOnlyList<Guid> AgentIds)> CreateAsync(string apiDll, string dataDir, IReadOnlyList<object> agents, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string?>
        {
            ["INVORTO_DATA_DIR"] = dataDir,
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DB_URL"] = null,
            ["REDIS_URL"] = null,
        };
        var output = await HostProcess.RunToEndAsync(apiDll, ["create-tenant", "bench"], environment, cancellationToken);
        const string KeyLine = "Admin API key (shown once, store it now): ";
        var key = output.Split('\n').Select(line => line.Trim()).FirstOrDefault(line => line.StartsWith(KeyLine, StringComparison.Ordinal))?[KeyLine.Length..]
            ?? throw new InvalidOperationException($"create-tenant printed no key: {output}");

        await using var api = await HostProcess.StartAsync(apiDll, environment, core: null, Path.Combine(dataDir, "api.log"), cancellationToken);
        using var http = new HttpClient { BaseAddress = api.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var ids = new List<Guid>();
        foreach (var agent in agents)
        {
            using var response = await http.PostAsJsonAsync("/v1/agents", agent, Body, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"POST /v1/agents answered {(int)response.StatusCode}: {body}");
            }

            ids.Add(JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid());
        }

        return (key, ids);
    }
}
