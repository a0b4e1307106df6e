using System.Net;
using System.Text.Json;
using Invorto.Application.Secrets;
using Invorto.Application.Tenants.CreateTenant;
using Invorto.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Invorto.Hosts.Tests;

/// <summary>
/// A secret's value appears in no log line, on the happy path or on the refused ones: an Api host of its own writes
/// its JSON logs to a captured console while every secret route, the tool validator and the reader are exercised.
/// </summary>
[Collection(ApiRateLimitTests.Name)]
public sealed class SecretsLoggingTests : IAsyncLifetime
{
    private readonly ConsoleCapture _console = new();
    private TestDatabase _database = null!;
    private TestHost _api = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _api = await TestHost.StartOwnApiAsync(new Dictionary<string, string?>
        {
            ["DB_URL"] = _database.ConnectionString,
            ["REDIS_URL"] = TestServers.RedisUrl,
            ["MIGRATE_ON_START"] = "true",
        });
    }

    public async Task DisposeAsync()
    {
        _console.Dispose();
        await _api.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task No_value_reaches_the_logs_on_any_secret_route()
    {
        string[] values = ["marker-put-7Qx2", "marker-replace-9Kd4", "marker-badname-3Jw8", "marker-oversize-5Lm1", "marker-badjson-2Rt6"];
        await using var scope = _api.App.Services.CreateAsyncScope();
        var tenant = (await scope.ServiceProvider.GetRequiredService<CreateTenantHandler>().HandleAsync(new CreateTenantCommand("logs"), CancellationToken.None)).Value!;
        var client = _api.Client;

        var responses = new List<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)>
        {
            await client.SendAsync(HttpMethod.Put, "/v1/secrets/crm", tenant.ApiKey, Json(values[0])),
            await client.SendAsync(HttpMethod.Put, "/v1/secrets/crm", tenant.ApiKey, Json(values[1])),
            await client.SendAsync(HttpMethod.Put, "/v1/secrets/Bad-Name", tenant.ApiKey, Json(values[2])),
            await client.SendAsync(HttpMethod.Put, "/v1/secrets/big", tenant.ApiKey, Json(values[3] + new string('x', 8192))),
            await client.SendAsync(HttpMethod.Put, "/v1/secrets/broken", tenant.ApiKey, $$"""{"value":"{{values[4]}}",,}"""),
            await client.SendAsync(HttpMethod.Post, "/v1/tools/validate", tenant.ApiKey,
                """{"name":"t","url":"https://api.example.com/x","headers":{"Authorization":"Bearer ${secrets.crm}"}}"""),
            await client.SendAsync(HttpMethod.Get, "/v1/secrets", tenant.ApiKey),
        };
        var read = await _api.App.Services.GetRequiredService<ITenantSecretReader>().GetAsync(tenant.TenantId, "crm", CancellationToken.None);
        responses.Add(await client.SendAsync(HttpMethod.Delete, "/v1/secrets/crm", tenant.ApiKey));
        responses.Add(await client.SendAsync(HttpMethod.Delete, "/v1/secrets/crm", tenant.ApiKey));

        responses.Select(response => response.Status).ShouldBe(
        [
            HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest,
            HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.NoContent, HttpStatusCode.NotFound,
        ]);
        read.ShouldBe(values[1]);
        var logs = _console.Text;
        logs.ShouldContain("migration", Case.Insensitive, "the capture must see this host's own log lines, or it proves nothing");
        foreach (var value in values)
        {
            logs.ShouldNotContain(value);
            responses.ShouldAllBe(response => response.Body.ValueKind == JsonValueKind.Undefined || !response.Body.GetRawText().Contains(value, StringComparison.Ordinal));
        }
    }

    private static string Json(string value) => JsonSerializer.Serialize(new { value });
}
