using System.Net;
using Invorto.Application.Tenants.CreateTenant;
using Invorto.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Invorto.Hosts.Tests;

/// <summary>Spec §4 and §10: the per-key budget lives in Redis (<c>invorto:rl:{keyId}:{window}</c>), so it holds across Api processes; Redis away → fail-open.</summary>
[Collection(ApiRateLimitTests.Name)]
public sealed class SharedRateLimitTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private Dictionary<string, string?> Environment(string redisUrl, bool migrate) => new()
    {
        ["DB_URL"] = _database.ConnectionString,
        ["REDIS_URL"] = redisUrl,
        ["MIGRATE_ON_START"] = migrate ? "true" : "false",
        ["API_RATE_LIMIT_PER_MIN"] = "3",
    };

    private static async Task<string> CreateTenantKeyAsync(TestHost api)
    {
        await using var scope = api.App.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<CreateTenantHandler>().HandleAsync(new CreateTenantCommand("shared-limit"), CancellationToken.None);
        return created.Value!.ApiKey;
    }

    [Fact]
    public async Task Two_api_processes_share_one_keys_budget()
    {
        var clock = ApiRateLimitTests.UniqueWindowClock();
        await using var first = await TestHost.StartOwnApiAsync(Environment(TestServers.RedisUrl, migrate: true), clock: clock);
        await using var second = await TestHost.StartOwnApiAsync(Environment(TestServers.RedisUrl, migrate: false), clock: clock);
        var key = await CreateTenantKeyAsync(first);

        var statuses = new List<HttpStatusCode>
        {
            (await first.Client.SendAsync(HttpMethod.Get, "/v1/agents", key)).Status,
            (await second.Client.SendAsync(HttpMethod.Get, "/v1/agents", key)).Status,
            (await first.Client.SendAsync(HttpMethod.Get, "/v1/agents", key)).Status,
        };
        var fourth = await second.Client.SendAsync(HttpMethod.Get, "/v1/agents", key);

        statuses.ShouldAllBe(status => status == HttpStatusCode.OK);
        fourth.Status.ShouldBe(HttpStatusCode.TooManyRequests);
        fourth.Body.GetProperty("code").GetString().ShouldBe("quota_exceeded");
        int.Parse(fourth.Response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(50);
    }

    [Fact]
    public async Task The_next_window_has_a_fresh_budget()
    {
        var clock = ApiRateLimitTests.UniqueWindowClock();
        await using var api = await TestHost.StartOwnApiAsync(Environment(TestServers.RedisUrl, migrate: true), clock: clock);
        var key = await CreateTenantKeyAsync(api);
        for (var i = 0; i < 3; i++)
        {
            await api.Client.SendAsync(HttpMethod.Get, "/v1/agents", key);
        }

        (await api.Client.SendAsync(HttpMethod.Get, "/v1/agents", key)).Status.ShouldBe(HttpStatusCode.TooManyRequests);
        clock.Advance(TimeSpan.FromSeconds(50));

        (await api.Client.SendAsync(HttpMethod.Get, "/v1/agents", key)).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task With_redis_down_requests_are_let_through_and_the_limit_returns_with_it()
    {
        using var redis = RedisServerProcess.Start();
        var clock = ApiRateLimitTests.UniqueWindowClock();
        await using var api = await TestHost.StartOwnApiAsync(Environment($"redis://{redis.EndPoint}", migrate: true), clock: clock);
        var key = await CreateTenantKeyAsync(api);
        redis.Kill();

        var whileDown = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            whileDown.Add((await api.Client.SendAsync(HttpMethod.Get, "/v1/agents", key)).Status);
        }

        redis.Restart();
        var afterwards = await Eventually.ReturnsAsync(
            async () => (await api.Client.SendAsync(HttpMethod.Get, "/v1/agents", key)).Status,
            status => status == HttpStatusCode.TooManyRequests,
            TimeSpan.FromSeconds(20),
            TimeSpan.FromMilliseconds(100));

        whileDown.ShouldAllBe(status => status == HttpStatusCode.OK);
        afterwards.ShouldBe(HttpStatusCode.TooManyRequests);
    }
}
