using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Invorto.Domain.Tenants;

namespace Invorto.Hosts.Tests;

[Collection(HostsCollection.Name)]
public sealed class ApiAgentsCrudTests(HostsFixture hosts)
{
    private HttpClient Client => hosts.Api.Client;

    private static HttpRequestMessage Request(HttpMethod method, string path, string key, string? json = null) => new(method, path)
    {
        Content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json"),
        Headers = { Authorization = new AuthenticationHeaderValue("Bearer", key) },
    };

    private async Task<JsonElement> SendForJsonAsync(HttpMethod method, string path, string key, string? json = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await Client.SendAsync(Request(method, path, key, json));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private async Task<Guid> CreateAgentAsync(string key, string name, string config = """{"prompt":"You help."}""")
    {
        var agent = await SendForJsonAsync(HttpMethod.Post, "/v1/agents", key, $$"""{"name":"{{name}}","config":{{config}}}""", HttpStatusCode.Created);
        return agent.GetProperty("id").GetGuid();
    }

    private Task<JsonElement> ListAsync(string key, string query) => SendForJsonAsync(HttpMethod.Get, $"/v1/agents?{query}", key);

    private static Guid[] IdsOf(JsonElement page) => [.. page.GetProperty("data").EnumerateArray().Select(agent => agent.GetProperty("id").GetGuid())];

    private static string? NextCursorOf(JsonElement page) => page.GetProperty("nextCursor").GetString();

    private static string[] ErrorKeysOf(JsonElement problem)
    {
        problem.GetProperty("code").GetString().ShouldBe("bad_request");
        return [.. problem.GetProperty("errors").EnumerateObject().Select(p => p.Name)];
    }

    [Fact]
    public async Task Listing_pages_through_every_agent_newest_first_without_duplicates_or_gaps()
    {
        var tenant = await hosts.CreateTenantAsync("pages");
        var created = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            created.Add(await CreateAgentAsync(tenant.ApiKey, $"Agent {i}"));
        }

        var first = await ListAsync(tenant.ApiKey, "limit=3");
        var second = await ListAsync(tenant.ApiKey, $"limit=3&cursor={NextCursorOf(first)}");
        var third = await ListAsync(tenant.ApiKey, $"limit=3&cursor={NextCursorOf(second)}");

        IdsOf(first).Length.ShouldBe(3);
        IdsOf(second).Length.ShouldBe(3);
        IdsOf(third).Length.ShouldBe(1);
        NextCursorOf(third).ShouldBeNull();
        IdsOf(first).Concat(IdsOf(second)).Concat(IdsOf(third)).ShouldBe(Enumerable.Reverse(created));
    }

    [Fact]
    public async Task Name_filter_keeps_names_containing_the_text_in_any_case()
    {
        var tenant = await hosts.CreateTenantAsync("names");
        var sales = await CreateAgentAsync(tenant.ApiKey, "Sales Bot");
        await CreateAgentAsync(tenant.ApiKey, "Support");
        var presales = await CreateAgentAsync(tenant.ApiKey, "presales desk");

        var page = await ListAsync(tenant.ApiKey, "name=SALES");

        IdsOf(page).ShouldBe([presales, sales]);
        NextCursorOf(page).ShouldBeNull();
    }

    [Fact]
    public async Task Altered_cursor_is_400_naming_the_cursor()
    {
        var tenant = await hosts.CreateTenantAsync("tampering");
        await CreateAgentAsync(tenant.ApiKey, "One");
        await CreateAgentAsync(tenant.ApiKey, "Two");
        var cursor = NextCursorOf(await ListAsync(tenant.ApiKey, "limit=1"))!;
        var altered = cursor[..10] + (cursor[10] == 'A' ? 'B' : 'A') + cursor[11..];

        var problem = await SendForJsonAsync(HttpMethod.Get, $"/v1/agents?limit=1&cursor={altered}", tenant.ApiKey, expected: HttpStatusCode.BadRequest);

        ErrorKeysOf(problem).ShouldBe(["cursor"]);
    }

    [Fact]
    public async Task Cursor_used_with_other_filters_is_400()
    {
        var tenant = await hosts.CreateTenantAsync("filters");
        await CreateAgentAsync(tenant.ApiKey, "Alpha one");
        await CreateAgentAsync(tenant.ApiKey, "Alpha two");
        var cursor = NextCursorOf(await ListAsync(tenant.ApiKey, "limit=1&name=alpha"))!;

        var otherName = await SendForJsonAsync(HttpMethod.Get, $"/v1/agents?limit=1&name=beta&cursor={cursor}", tenant.ApiKey, expected: HttpStatusCode.BadRequest);
        var archived = await SendForJsonAsync(HttpMethod.Get, $"/v1/agents?limit=1&name=alpha&includeArchived=true&cursor={cursor}", tenant.ApiKey, expected: HttpStatusCode.BadRequest);
        var sameFilters = await ListAsync(tenant.ApiKey, $"limit=1&name=Alpha&cursor={cursor}");

        ErrorKeysOf(otherName).ShouldBe(["cursor"]);
        ErrorKeysOf(archived).ShouldBe(["cursor"]);
        IdsOf(sameFilters).Length.ShouldBe(1);
    }

    [Fact]
    public async Task Another_tenants_cursor_is_400()
    {
        var owner = await hosts.CreateTenantAsync("cursor-owner");
        var stranger = await hosts.CreateTenantAsync("cursor-stranger");
        await CreateAgentAsync(owner.ApiKey, "One");
        await CreateAgentAsync(owner.ApiKey, "Two");
        var cursor = NextCursorOf(await ListAsync(owner.ApiKey, "limit=1"))!;

        var problem = await SendForJsonAsync(HttpMethod.Get, $"/v1/agents?limit=1&cursor={cursor}", stranger.ApiKey, expected: HttpStatusCode.BadRequest);

        ErrorKeysOf(problem).ShouldBe(["cursor"]);
    }

    [Fact]
    public async Task Listing_shows_only_the_callers_agents()
    {
        var mine = await hosts.CreateTenantAsync("list-mine");
        var theirs = await hosts.CreateTenantAsync("list-theirs");
        var own = await CreateAgentAsync(mine.ApiKey, "Mine");
        await CreateAgentAsync(theirs.ApiKey, "Theirs");

        var page = await ListAsync(mine.ApiKey, string.Empty);

        IdsOf(page).ShouldBe([own]);
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=201")]
    public async Task Limit_outside_one_to_two_hundred_is_400(string query)
    {
        var tenant = await hosts.CreateTenantAsync("limits");

        var problem = await SendForJsonAsync(HttpMethod.Get, $"/v1/agents?{query}", tenant.ApiKey, expected: HttpStatusCode.BadRequest);

        ErrorKeysOf(problem).ShouldBe(["limit"]);
    }

    [Fact]
    public async Task Get_returns_the_config_with_defaults_filled_in()
    {
        var tenant = await hosts.CreateTenantAsync("defaults");
        var id = await CreateAgentAsync(tenant.ApiKey, "Defaults");

        var config = (await SendForJsonAsync(HttpMethod.Get, $"/v1/agents/{id}", tenant.ApiKey)).GetProperty("config");

        config.GetProperty("prompt").GetString().ShouldBe("You help.");
        config.GetProperty("endpointing").GetProperty("silenceMs").GetInt32().ShouldBe(220);
        config.GetProperty("llm").GetProperty("model").GetString().ShouldBe("gpt-4o-mini");
        config.GetProperty("voice").GetProperty("rate").GetDouble().ShouldBe(1.0);
        config.GetProperty("tools").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Patch_records_version_two_and_version_one_keeps_the_old_config()
    {
        var tenant = await hosts.CreateTenantAsync("patching");
        var id = await CreateAgentAsync(tenant.ApiKey, "Before", """{"prompt":"Old prompt.","llm":{"temperature":0.2}}""");

        var patched = await SendForJsonAsync(HttpMethod.Patch, $"/v1/agents/{id}", tenant.ApiKey, """{"name":"After","config":{"prompt":"New prompt.","endpointing":{"silenceMs":200}}}""");
        var first = await SendForJsonAsync(HttpMethod.Get, $"/v1/agents/{id}?version=1", tenant.ApiKey);
        var current = await SendForJsonAsync(HttpMethod.Get, $"/v1/agents/{id}", tenant.ApiKey);

        patched.GetProperty("version").GetInt32().ShouldBe(2);
        patched.GetProperty("name").GetString().ShouldBe("After");
        patched.GetProperty("config").GetProperty("llm").GetProperty("temperature").GetDouble().ShouldBe(0.2);
        patched.GetProperty("config").GetProperty("endpointing").GetProperty("silenceMs").GetInt32().ShouldBe(200);
        first.GetProperty("config").GetProperty("prompt").GetString().ShouldBe("Old prompt.");
        first.GetProperty("config").GetProperty("endpointing").GetProperty("silenceMs").GetInt32().ShouldBe(220);
        current.GetProperty("version").GetInt32().ShouldBe(2);
        current.GetProperty("config").GetProperty("prompt").GetString().ShouldBe("New prompt.");
    }

    [Fact]
    public async Task Patch_out_of_range_is_400_with_the_json_path_and_keeps_the_version()
    {
        var tenant = await hosts.CreateTenantAsync("patch-range");
        var id = await CreateAgentAsync(tenant.ApiKey, "Ranges");

        var problem = await SendForJsonAsync(HttpMethod.Patch, $"/v1/agents/{id}", tenant.ApiKey, """{"config":{"endpointing":{"silenceMs":5000},"tools":[{"name":"Bad Name","url":"https://x.example"}]}}""", HttpStatusCode.BadRequest);
        var current = await SendForJsonAsync(HttpMethod.Get, $"/v1/agents/{id}", tenant.ApiKey);

        ErrorKeysOf(problem).ShouldBe(["config.endpointing.silenceMs", "config.tools[0].name"], ignoreOrder: true);
        problem.GetProperty("errors").GetProperty("config.endpointing.silenceMs")[0].GetString().ShouldBe("must be between 100 and 2000");
        current.GetProperty("version").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Unknown_field_is_refused_by_name_on_create_and_on_patch()
    {
        var tenant = await hosts.CreateTenantAsync("typos");
        var id = await CreateAgentAsync(tenant.ApiKey, "Typos");
        const string typo = """{"prompt":"p","endpointing":{"silenceMS":200}}""";

        var create = await SendForJsonAsync(HttpMethod.Post, "/v1/agents", tenant.ApiKey, $$"""{"name":"T","config":{{typo}}}""", HttpStatusCode.BadRequest);
        var patch = await SendForJsonAsync(HttpMethod.Patch, $"/v1/agents/{id}", tenant.ApiKey, $$"""{"config":{{typo}}}""", HttpStatusCode.BadRequest);

        ErrorKeysOf(create).ShouldBe(["config.endpointing.silenceMS"]);
        create.GetProperty("errors").GetProperty("config.endpointing.silenceMS")[0].GetString().ShouldBe("is not a known field");
        ErrorKeysOf(patch).ShouldBe(["config.endpointing.silenceMS"]);
    }

    [Fact]
    public async Task Racing_patches_each_get_a_version_or_a_409_and_versions_stay_contiguous()
    {
        var tenant = await hosts.CreateTenantAsync("racing");
        var id = await CreateAgentAsync(tenant.ApiKey, "Raced");

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            Client.SendAsync(Request(HttpMethod.Patch, $"/v1/agents/{id}", tenant.ApiKey, $"{{\"config\":{{\"prompt\":\"Prompt {i}\"}}}}"))));
        var current = await SendForJsonAsync(HttpMethod.Get, $"/v1/agents/{id}", tenant.ApiKey);

        responses.Select(r => r.StatusCode).ShouldAllBe(status => status == HttpStatusCode.OK || status == HttpStatusCode.Conflict);
        var applied = responses.Count(r => r.StatusCode == HttpStatusCode.OK);
        applied.ShouldBeGreaterThan(0);
        current.GetProperty("version").GetInt32().ShouldBe(1 + applied);
    }

    [Fact]
    public async Task Delete_archives_the_agent_which_stays_readable_by_id_but_leaves_the_list()
    {
        var tenant = await hosts.CreateTenantAsync("archiving");
        var kept = await CreateAgentAsync(tenant.ApiKey, "Kept");
        var archived = await CreateAgentAsync(tenant.ApiKey, "Archived");

        (await Client.SendAsync(Request(HttpMethod.Delete, $"/v1/agents/{archived}", tenant.ApiKey))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await Client.SendAsync(Request(HttpMethod.Delete, $"/v1/agents/{archived}", tenant.ApiKey))).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var read = await SendForJsonAsync(HttpMethod.Get, $"/v1/agents/{archived}", tenant.ApiKey);
        var list = await ListAsync(tenant.ApiKey, string.Empty);
        var listWithArchived = await ListAsync(tenant.ApiKey, "includeArchived=true");

        read.GetProperty("archivedAt").ValueKind.ShouldBe(JsonValueKind.String);
        IdsOf(list).ShouldBe([kept]);
        IdsOf(listWithArchived).ShouldBe([archived, kept]);
    }

    [Fact]
    public async Task Patching_an_archived_agent_is_409()
    {
        var tenant = await hosts.CreateTenantAsync("archived-patch");
        var id = await CreateAgentAsync(tenant.ApiKey, "Gone");
        await Client.SendAsync(Request(HttpMethod.Delete, $"/v1/agents/{id}", tenant.ApiKey));

        var problem = await SendForJsonAsync(HttpMethod.Patch, $"/v1/agents/{id}", tenant.ApiKey, """{"name":"Back"}""", HttpStatusCode.Conflict);

        problem.GetProperty("code").GetString().ShouldBe("conflict");
    }

    [Fact]
    public async Task Another_tenants_agent_cannot_be_patched_or_deleted()
    {
        var owner = await hosts.CreateTenantAsync("crud-owner");
        var stranger = await hosts.CreateTenantAsync("crud-stranger");
        var id = await CreateAgentAsync(owner.ApiKey, "Private");

        var patch = await Client.SendAsync(Request(HttpMethod.Patch, $"/v1/agents/{id}", stranger.ApiKey, """{"name":"Mine now"}"""));
        var delete = await Client.SendAsync(Request(HttpMethod.Delete, $"/v1/agents/{id}", stranger.ApiKey));
        var read = await SendForJsonAsync(HttpMethod.Get, $"/v1/agents/{id}", owner.ApiKey);

        patch.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        delete.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        read.GetProperty("name").GetString().ShouldBe("Private");
        read.GetProperty("archivedAt").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Analyst_key_lists_but_cannot_patch_or_delete()
    {
        var tenant = await hosts.CreateTenantAsync("analyst-crud");
        var (_, analyst) = await hosts.IssueKeyAsync(tenant.TenantId, ApiKeyRole.Analyst);
        var id = await CreateAgentAsync(tenant.ApiKey, "Watched");

        var list = await Client.SendAsync(Request(HttpMethod.Get, "/v1/agents", analyst));
        var patch = await Client.SendAsync(Request(HttpMethod.Patch, $"/v1/agents/{id}", analyst, """{"name":"x"}"""));
        var delete = await Client.SendAsync(Request(HttpMethod.Delete, $"/v1/agents/{id}", analyst));

        list.StatusCode.ShouldBe(HttpStatusCode.OK);
        patch.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        delete.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await patch.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("forbidden");
    }
}
