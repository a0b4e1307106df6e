using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Invorto.Domain.Tenants;

namespace Invorto.Hosts.Tests;

[Collection(HostsCollection.Name)]
public sealed class ApiAgentsTests(HostsFixture hosts)
{
    private const string ValidAgent = """{"name":"Prod Canary Agent","config":{"prompt":"You are a helpful agent."}}""";

    private HttpClient Client => hosts.Api.Client;

    private static HttpRequestMessage Post(string json, string? key, string contentType = "application/json") => new(HttpMethod.Post, "/v1/agents")
    {
        Content = new StringContent(json, Encoding.UTF8, contentType),
        Headers = { Authorization = key is null ? null : new AuthenticationHeaderValue("Bearer", key) },
    };

    private static HttpRequestMessage Get(string path, string key) => new(HttpMethod.Get, path)
    {
        Headers = { Authorization = new AuthenticationHeaderValue("Bearer", key) },
    };

    private static async Task<JsonElement> ProblemOf(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task Public_health_answers_without_a_key()
    {
        var health = await Client.GetFromJsonAsync<JsonElement>("/v1/health");

        health.GetProperty("status").GetString().ShouldBe("ok");
        health.GetProperty("service").GetString().ShouldBe("api");
    }

    [Fact]
    public async Task Creating_an_agent_without_a_key_is_401_invalid_api_key()
    {
        var response = await Client.SendAsync(Post(ValidAgent, key: null));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await ProblemOf(response)).GetProperty("code").GetString().ShouldBe("invalid_api_key");
        response.Headers.WwwAuthenticate.ToString().ShouldBe("Bearer");
    }

    [Fact]
    public async Task Unknown_key_is_401_invalid_api_key()
    {
        var response = await Client.SendAsync(Post(ValidAgent, "inv_live_doesnotexist"));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await ProblemOf(response)).GetProperty("code").GetString().ShouldBe("invalid_api_key");
    }

    [Fact]
    public async Task Bootstrapped_admin_key_creates_an_agent_at_version_one()
    {
        var tenant = await hosts.CreateTenantAsync("creator");

        var response = await Client.SendAsync(Post(ValidAgent, tenant.ApiKey));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var agent = await response.Content.ReadFromJsonAsync<JsonElement>();
        agent.GetProperty("version").GetInt32().ShouldBe(1);
        agent.GetProperty("name").GetString().ShouldBe("Prod Canary Agent");
        agent.GetProperty("config").GetProperty("prompt").GetString().ShouldBe("You are a helpful agent.");
        response.Headers.Location!.ToString().ShouldBe($"/v1/agents/{agent.GetProperty("id").GetGuid()}");
    }

    [Fact]
    public async Task X_api_key_header_works_like_bearer()
    {
        var tenant = await hosts.CreateTenantAsync("header");
        using var request = Post(ValidAgent, key: null);
        request.Headers.Add("X-API-Key", tenant.ApiKey);

        var response = await Client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Invalid_body_is_400_listing_each_field()
    {
        var tenant = await hosts.CreateTenantAsync("validation");

        var response = await Client.SendAsync(Post("""{"name":"","config":{"firstMessage":"hi"}}""", tenant.ApiKey));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await ProblemOf(response);
        problem.GetProperty("code").GetString().ShouldBe("bad_request");
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldBe(["name", "config.prompt"], ignoreOrder: true);
    }

    [Fact]
    public async Task Unreadable_json_is_400_bad_request()
    {
        var tenant = await hosts.CreateTenantAsync("broken-json");

        var response = await Client.SendAsync(Post("""{"name": "x", "config": {""", tenant.ApiKey));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ProblemOf(response)).GetProperty("code").GetString().ShouldBe("bad_request");
    }

    [Fact]
    public async Task Body_that_is_not_json_is_415()
    {
        var tenant = await hosts.CreateTenantAsync("plain-text");

        var response = await Client.SendAsync(Post("name=x", tenant.ApiKey, "text/plain"));

        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await ProblemOf(response)).GetProperty("code").GetString().ShouldBe("unsupported_media_type");
    }

    [Fact]
    public async Task Agent_is_read_back_by_its_tenant_and_is_404_for_another_tenant()
    {
        var owner = await hosts.CreateTenantAsync("owner");
        var stranger = await hosts.CreateTenantAsync("stranger");
        var created = await (await Client.SendAsync(Post(ValidAgent, owner.ApiKey))).Content.ReadFromJsonAsync<JsonElement>();
        var path = $"/v1/agents/{created.GetProperty("id").GetGuid()}";

        var mine = await Client.SendAsync(Get(path, owner.ApiKey));
        var theirs = await Client.SendAsync(Get(path, stranger.ApiKey));

        mine.StatusCode.ShouldBe(HttpStatusCode.OK);
        theirs.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ProblemOf(theirs)).GetProperty("code").GetString().ShouldBe("not_found");
    }

    [Fact]
    public async Task Analyst_key_reads_but_cannot_create()
    {
        var tenant = await hosts.CreateTenantAsync("analytics");
        var (_, analyst) = await hosts.IssueKeyAsync(tenant.TenantId, ApiKeyRole.Analyst);
        var created = await (await Client.SendAsync(Post(ValidAgent, tenant.ApiKey))).Content.ReadFromJsonAsync<JsonElement>();

        var write = await Client.SendAsync(Post(ValidAgent, analyst));
        var read = await Client.SendAsync(Get($"/v1/agents/{created.GetProperty("id").GetGuid()}", analyst));

        write.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await ProblemOf(write)).GetProperty("code").GetString().ShouldBe("forbidden");
        read.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_analyst_reads_tool_header_names_but_not_their_values()
    {
        var tenant = await hosts.CreateTenantAsync("redaction");
        var (_, analyst) = await hosts.IssueKeyAsync(tenant.TenantId, ApiKeyRole.Analyst);
        await Client.SendAsync(HttpMethod.Put, "/v1/secrets/crm", tenant.ApiKey, """{"value":"crm-secret-value"}""");
        const string agent = """
            {"name":"CRM agent","config":{"prompt":"p","tools":[{"name":"get_order","method":"GET","url":"https://crm.example.com/orders",
             "headers":{"Authorization":"Bearer inline-token-123","X-Api-Key":"${secrets.crm}"}}]}}
            """;
        var created = await (await Client.SendAsync(Post(agent, tenant.ApiKey))).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();

        var asAnalyst = await (await Client.SendAsync(Get($"/v1/agents/{id}", analyst))).Content.ReadAsStringAsync();
        var listed = await (await Client.SendAsync(Get("/v1/agents", analyst))).Content.ReadAsStringAsync();
        var asAdmin = await (await Client.SendAsync(Get($"/v1/agents/{id}", tenant.ApiKey))).Content.ReadFromJsonAsync<JsonElement>();

        asAnalyst.ShouldNotContain("inline-token-123");
        asAnalyst.ShouldNotContain("secrets.crm");
        listed.ShouldNotContain("inline-token-123");
        var headers = JsonDocument.Parse(asAnalyst).RootElement.GetProperty("config").GetProperty("tools")[0].GetProperty("headers");
        headers.GetProperty("Authorization").GetString().ShouldBe("***");
        headers.GetProperty("X-Api-Key").GetString().ShouldBe("***");
        asAdmin.GetProperty("config").GetProperty("tools")[0].GetProperty("headers").GetProperty("Authorization").GetString().ShouldBe("Bearer inline-token-123");
    }

    [Fact]
    public async Task Revoked_key_is_refused_at_once()
    {
        var tenant = await hosts.CreateTenantAsync("revocation");
        var (keyId, dev) = await hosts.IssueKeyAsync(tenant.TenantId, ApiKeyRole.Dev);
        (await Client.SendAsync(Post(ValidAgent, dev))).StatusCode.ShouldBe(HttpStatusCode.Created);

        await hosts.RevokeKeyAsync(keyId);
        var response = await Client.SendAsync(Post(ValidAgent, dev));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Unknown_version_of_an_agent_is_404()
    {
        var tenant = await hosts.CreateTenantAsync("versions");
        var created = await (await Client.SendAsync(Post(ValidAgent, tenant.ApiKey))).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();

        (await Client.SendAsync(Get($"/v1/agents/{id}?version=1", tenant.ApiKey))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Client.SendAsync(Get($"/v1/agents/{id}?version=2", tenant.ApiKey))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
