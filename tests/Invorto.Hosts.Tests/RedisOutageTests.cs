using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Invorto.Api;
using Invorto.Application.Tenants.CreateTenant;
using Invorto.Testing;
using Invorto.Testing.Jambonz;
using Microsoft.Extensions.DependencyInjection;

namespace Invorto.Hosts.Tests;

/// <summary>Spec §7: with Redis away the limiter fails closed — new calls get 503 and nothing is dialled — and calls flow again once it is back, without a restart.</summary>
[Collection(ApiRateLimitTests.Name)]
public sealed class RedisOutageTests : IAsyncLifetime
{
    private RedisServerProcess _redis = null!;
    private FakeJambonzRestApi _jambonz = null!;
    private TestDatabase _database = null!;
    private TestHost _api = null!;

    public async Task InitializeAsync()
    {
        _redis = RedisServerProcess.Start();
        _jambonz = await FakeJambonzRestApi.StartAsync();
        _database = await TestDatabase.CreateAsync();
        _api = await TestHost.StartOwnApiAsync(new Dictionary<string, string?>
        {
            ["DB_URL"] = _database.ConnectionString,
            ["REDIS_URL"] = $"redis://{_redis.EndPoint}",
            ["MIGRATE_ON_START"] = "true",
            ["JAMBONZ_API_BASE_URL"] = _jambonz.BaseUrl.ToString(),
            ["JAMBONZ_ACCOUNT_SID"] = "acc-outage",
            ["JAMBONZ_API_KEY"] = "key",
            ["API_RATE_LIMIT_PER_MIN"] = "100000",
        });
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _database.DisposeAsync();
        await _jambonz.DisposeAsync();
        _redis.Dispose();
    }

    [Fact]
    public async Task Calls_get_503_and_are_not_dialled_while_redis_is_down_and_flow_again_after()
    {
        TenantCreated tenant;
        await using (var scope = _api.App.Services.CreateAsyncScope())
        {
            tenant = (await scope.ServiceProvider.GetRequiredService<CreateTenantHandler>().HandleAsync(new CreateTenantCommand("outage"), CancellationToken.None)).Value!;
        }

        var client = _api.Client;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tenant.ApiKey);
        var agent = await (await client.PostAsJsonAsync("/v1/agents", new { name = "A", config = new { prompt = "p" } })).Content.ReadFromJsonAsync<JsonElement>();
        var call = new { agentId = agent.GetProperty("id").GetGuid(), to = "+919800000002", from = "+918000000001" };
        (await client.PostAsJsonAsync("/v1/calls", call)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var dialledBefore = _jambonz.Requests.Count;

        _redis.Kill();
        var during = await client.PostAsJsonAsync("/v1/calls", call);

        during.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await during.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("provider_unavailable");
        _jambonz.Requests.Count.ShouldBe(dialledBefore);

        _redis.Restart();
        var after = await Eventually.ReturnsAsync(
            async () => (await client.PostAsJsonAsync("/v1/calls", call)).StatusCode,
            status => status == HttpStatusCode.Created,
            TimeSpan.FromSeconds(30),
            TimeSpan.FromMilliseconds(250));

        after.ShouldBe(HttpStatusCode.Created);
        _jambonz.Requests.Count.ShouldBe(dialledBefore + 1);
    }
}
