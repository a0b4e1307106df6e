using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Invorto.Hosts.Tests;

/// <summary>Authenticated JSON requests against a test host, for the API's functional tests.</summary>
internal static class ApiCalls
{
    public static HttpRequestMessage Request(HttpMethod method, string path, string key, string? json = null, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(method, path)
        {
            Content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json"),
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", key) },
        };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return request;
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> SendAsync(
        this HttpClient client, HttpMethod method, string path, string key, string? json = null, string? idempotencyKey = null)
    {
        var response = await client.SendAsync(Request(method, path, key, json, idempotencyKey));
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, body, response);
    }

    public static async Task<JsonElement> SendForJsonAsync(
        this HttpClient client, HttpMethod method, string path, string key, string? json = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var (status, body, _) = await client.SendAsync(method, path, key, json);
        status.ShouldBe(expected, body.ValueKind == JsonValueKind.Undefined ? string.Empty : body.ToString());
        return body;
    }

    public static async Task<Guid> CreateAgentAsync(this HttpClient client, string key, string name = "Agent")
    {
        var agent = await client.SendForJsonAsync(HttpMethod.Post, "/v1/agents", key, $$$"""{"name":"{{{name}}}","config":{"prompt":"You help."}}""", HttpStatusCode.Created);
        return agent.GetProperty("id").GetGuid();
    }

    public static string[] ErrorFieldsOf(JsonElement problem)
    {
        problem.GetProperty("code").GetString().ShouldBe("bad_request");
        return [.. problem.GetProperty("errors").EnumerateObject().Select(p => p.Name)];
    }
}
