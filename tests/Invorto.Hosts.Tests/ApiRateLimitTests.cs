using System.Diagnostics.Metrics;
using System.Net;
using Invorto.Api;
using Invorto.Application.Tenants.CreateTenant;
using Invorto.Domain.Tenants;
using Invorto.Infrastructure.Persistence;
using Invorto.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Invorto.Hosts.Tests;

/// <summary>
/// On an Api host of its own with a tiny budget, so the shared fixture's tests never meet the limit. It runs alone, after
/// the parallel collections: a second Api host alive beside the shared ones made the shared Api's /metrics lose its
/// HTTP duration histogram now and then.
/// </summary>
[Collection(Name)]
public sealed class ApiRateLimitTests : IAsyncLifetime
{
    public const string Name = "own api host";

    private TestDatabase _database = null!;
    private TestHost _api = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        var environment = new Dictionary<string, string?>
        {
            ["DB_URL"] = _database.ConnectionString,
            ["REDIS_URL"] = TestServers.RedisUrl,
            ["MIGRATE_ON_START"] = "true",
            ["API_RATE_LIMIT_PER_MIN"] = "3",
        };
        _api = await TestHost.StartOwnApiAsync(environment, clock: UniqueWindowClock());
    }

    /// <summary>
    /// A fixed instant in a minute no other test uses: the Redis counters are keyed by window, so requests of other tests
    /// (or a minute boundary passing mid-test) cannot change what this host counts.
    /// </summary>
    internal static FakeTimeProvider UniqueWindowClock() =>
        new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(Random.Shared.Next(1, 50_000_000)).AddSeconds(10));

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task The_fourth_request_in_a_minute_gets_429_with_Retry_After_and_other_keys_are_unaffected()
    {
        var tenant = await CreateTenantAsync();
        var other = await IssueKeyAsync(tenant.TenantId);

        var allowed = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            allowed.Add((await _api.Client.SendAsync(HttpMethod.Get, "/v1/agents", tenant.ApiKey)).Status);
        }

        var rejected = await _api.Client.SendAsync(HttpMethod.Get, "/v1/agents", tenant.ApiKey);
        var otherKey = await _api.Client.SendAsync(HttpMethod.Get, "/v1/agents", other);

        allowed.ShouldAllBe(status => status == HttpStatusCode.OK);
        rejected.Status.ShouldBe(HttpStatusCode.TooManyRequests);
        rejected.Body.GetProperty("code").GetString().ShouldBe("quota_exceeded");
        var retryAfter = int.Parse(rejected.Response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        retryAfter.ShouldBeInRange(1, 60);
        otherKey.Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Requests_without_a_valid_key_share_one_budget_per_address()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await _api.Client.SendAsync(HttpMethod.Get, "/v1/agents", $"inv_test_unknown{i}")).Status);
        }

        statuses.ShouldBe([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests]);
    }

    [Fact]
    public async Task The_public_health_check_is_not_limited()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await _api.Client.GetAsync(new Uri("/v1/health", UriKind.Relative))).StatusCode);
        }

        statuses.ShouldAllBe(status => status == HttpStatusCode.OK);
    }

    private async Task<TenantCreated> CreateTenantAsync()
    {
        await using var scope = _api.App.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<CreateTenantHandler>().HandleAsync(new CreateTenantCommand("limited"), CancellationToken.None);
        return result.Value!;
    }

    private async Task<string> IssueKeyAsync(Guid tenantId)
    {
        await using var scope = _api.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InvortoDbContext>();
        var secret = ApiKeySecret.Generate("test");
        db.ApiKeys.Add(ApiKey.Issue(Guid.CreateVersion7(), tenantId, "second", ApiKeyRole.Dev, secret, DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
        return secret.Value;
    }
}
