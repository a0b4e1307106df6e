using System.Net;

namespace Invorto.Hosts.Tests;

[Collection(HostsCollection.Name)]
public sealed class ApiIdempotencyTests(HostsFixture hosts)
{
    private const string AgentBody = """{"name":"Once","config":{"prompt":"You help."}}""";

    private HttpClient Client => hosts.Api.Client;

    private static string NewKey() => $"idem-{Guid.NewGuid():N}";

    [Fact]
    public async Task Retrying_with_the_same_key_and_body_replays_the_first_response()
    {
        var tenant = await hosts.CreateTenantAsync("idem-replay");
        var key = NewKey();

        var first = await Client.SendAsync(HttpMethod.Post, "/v1/agents", tenant.ApiKey, AgentBody, key);
        var retry = await Client.SendAsync(HttpMethod.Post, "/v1/agents", tenant.ApiKey, AgentBody, key);
        var list = await Client.SendForJsonAsync(HttpMethod.Get, "/v1/agents", tenant.ApiKey);

        first.Status.ShouldBe(HttpStatusCode.Created);
        first.Response.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
        retry.Status.ShouldBe(HttpStatusCode.Created);
        retry.Response.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        retry.Body.GetProperty("id").GetGuid().ShouldBe(first.Body.GetProperty("id").GetGuid());
        list.GetProperty("data").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task Reusing_a_key_with_a_different_body_is_a_conflict()
    {
        var tenant = await hosts.CreateTenantAsync("idem-mismatch");
        var key = NewKey();
        await Client.SendAsync(HttpMethod.Post, "/v1/agents", tenant.ApiKey, AgentBody, key);

        var reused = await Client.SendAsync(HttpMethod.Post, "/v1/agents", tenant.ApiKey, """{"name":"Other","config":{"prompt":"You help."}}""", key);

        reused.Status.ShouldBe(HttpStatusCode.Conflict);
        reused.Body.GetProperty("code").GetString().ShouldBe("conflict");
        reused.Body.GetProperty("detail").GetString()!.ShouldContain("different request body");
    }

    [Fact]
    public async Task Without_a_key_the_same_request_twice_creates_two_agents()
    {
        var tenant = await hosts.CreateTenantAsync("idem-none");

        var first = await Client.SendForJsonAsync(HttpMethod.Post, "/v1/agents", tenant.ApiKey, AgentBody, HttpStatusCode.Created);
        var second = await Client.SendForJsonAsync(HttpMethod.Post, "/v1/agents", tenant.ApiKey, AgentBody, HttpStatusCode.Created);

        second.GetProperty("id").GetGuid().ShouldNotBe(first.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_failed_request_releases_its_key_for_a_corrected_retry()
    {
        var tenant = await hosts.CreateTenantAsync("idem-failed");
        var key = NewKey();

        var invalid = await Client.SendAsync(HttpMethod.Post, "/v1/keys", tenant.ApiKey, """{"name":"ci","role":"owner"}""", key);
        var corrected = await Client.SendAsync(HttpMethod.Post, "/v1/keys", tenant.ApiKey, """{"name":"ci","role":"dev"}""", key);

        invalid.Status.ShouldBe(HttpStatusCode.BadRequest);
        corrected.Status.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task The_same_key_in_two_tenants_is_two_requests()
    {
        var first = await hosts.CreateTenantAsync("idem-tenant-a");
        var second = await hosts.CreateTenantAsync("idem-tenant-b");
        var key = NewKey();

        var a = await Client.SendAsync(HttpMethod.Post, "/v1/agents", first.ApiKey, AgentBody, key);
        var b = await Client.SendAsync(HttpMethod.Post, "/v1/agents", second.ApiKey, AgentBody, key);

        b.Status.ShouldBe(HttpStatusCode.Created);
        b.Response.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
        b.Body.GetProperty("id").GetGuid().ShouldNotBe(a.Body.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_key_longer_than_255_characters_is_rejected()
    {
        var tenant = await hosts.CreateTenantAsync("idem-long");

        var response = await Client.SendAsync(HttpMethod.Post, "/v1/agents", tenant.ApiKey, AgentBody, new string('k', 256));

        response.Status.ShouldBe(HttpStatusCode.BadRequest);
        ApiCalls.ErrorFieldsOf(response.Body).ShouldBe(["Idempotency-Key"]);
    }
}
