using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Invorto.Api;
using Invorto.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Invorto.Hosts.Tests;

/// <summary>
/// docs/openapi.json is the checked-in contract of the REST API; this test fails when the code drifts from it.
/// After an intended API change, regenerate it: <c>UPDATE_OPENAPI=1 bash -c 'source scripts/test-servers.sh && dotnet test tests/Invorto.Hosts.Tests --filter OpenApiDocumentTests'</c>.
/// </summary>
[Collection(ApiRateLimitTests.Name)]
public sealed class OpenApiDocumentTests : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private TestDatabase _database = null!;
    private TestHost _api = null!;

    private static string CheckedInPath => Path.Combine(RepositoryRoot.Path, "docs", "openapi.json");

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _api = await TestHost.StartOwnApiAsync(new Dictionary<string, string?> { ["DB_URL"] = _database.ConnectionString, ["REDIS_URL"] = TestServers.RedisUrl, ["MIGRATE_ON_START"] = "false" },
            environmentName: "Development");
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Checked_in_openapi_document_matches_the_code()
    {
        var served = Normalize(await _api.Client.GetStringAsync("/openapi/v1.json"));
        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(CheckedInPath, served);
        }

        var checkedIn = File.Exists(CheckedInPath) ? Normalize(await File.ReadAllTextAsync(CheckedInPath)) : "(missing)";

        served.ShouldBe(checkedIn, "docs/openapi.json is out of date: regenerate it (see this test's summary) and review the diff.");
    }

    [Fact]
    public async Task Document_describes_every_v1_route_with_its_error_responses()
    {
        var document = JsonNode.Parse(await _api.Client.GetStringAsync("/openapi/v1.json"))!;
        var paths = document["paths"]!.AsObject();

        paths.Select(p => p.Key).ShouldContain("/v1/agents");
        paths.Select(p => p.Key).ShouldContain("/v1/calls");
        paths.Select(p => p.Key).ShouldContain("/v1/calls/{id}/hangup");
        paths.Select(p => p.Key).ShouldContain("/v1/numbers");
        paths.Select(p => p.Key).ShouldContain("/v1/keys");
        paths["/v1/calls"]!["post"]!["responses"]!.AsObject().Select(r => r.Key).ShouldBe(["201", "400", "401", "403", "404", "409", "429", "503"], ignoreOrder: true);
    }

    private static string Normalize(string json) =>
        JsonSerializer.Serialize(JsonNode.Parse(json), Indented) + "\n";

}
