using System.Net;
using System.Text.Json;
using Invorto.Application.Secrets;
using Invorto.Domain.Audit;
using Invorto.Domain.Tenants;
using Invorto.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Invorto.Hosts.Tests;

/// <summary><c>PUT/GET/DELETE /v1/secrets[/{name}]</c>: admin only, values in and never out, every change audited.</summary>
[Collection(HostsCollection.Name)]
public sealed class ApiSecretsTests(HostsFixture hosts)
{
    private const string Value = "sk-crm-9f8e7d6c5b4a3210";

    private HttpClient Client => hosts.Api.Client;

    private static string Body(string value) => JsonSerializer.Serialize(new { value });

    [Fact]
    public async Task A_put_secret_is_listed_by_name_and_times_without_its_value()
    {
        var tenant = await hosts.CreateTenantAsync("secrets-list");

        var put = await Client.SendAsync(HttpMethod.Put, "/v1/secrets/crm", tenant.ApiKey, Body(Value));
        var page = await Client.SendForJsonAsync(HttpMethod.Get, "/v1/secrets", tenant.ApiKey);

        put.Status.ShouldBe(HttpStatusCode.NoContent);
        put.Body.ValueKind.ShouldBe(JsonValueKind.Undefined);
        page.GetRawText().ShouldNotContain(Value);
        page.GetProperty("nextCursor").ValueKind.ShouldBe(JsonValueKind.Null);
        var secret = page.GetProperty("data").EnumerateArray().ShouldHaveSingleItem();
        secret.EnumerateObject().Select(property => property.Name).ShouldBe(["name", "createdAt", "updatedAt"], ignoreOrder: true);
        secret.GetProperty("name").GetString().ShouldBe("crm");
    }

    [Fact]
    public async Task Put_twice_replaces_the_value_and_every_host_reads_the_new_one()
    {
        var tenant = await hosts.CreateTenantAsync("secrets-replace");
        await Client.SendAsync(HttpMethod.Put, "/v1/secrets/crm", tenant.ApiKey, Body("first-value"));

        var second = await Client.SendAsync(HttpMethod.Put, "/v1/secrets/crm", tenant.ApiKey, Body(Value));
        var page = await Client.SendForJsonAsync(HttpMethod.Get, "/v1/secrets", tenant.ApiKey);

        second.Status.ShouldBe(HttpStatusCode.NoContent);
        var listed = page.GetProperty("data").EnumerateArray().ShouldHaveSingleItem();
        listed.GetProperty("updatedAt").GetDateTimeOffset().ShouldBeGreaterThanOrEqualTo(listed.GetProperty("createdAt").GetDateTimeOffset());
        foreach (var service in new[] { "api", "realtime", "webhooks", "telephony" })
        {
            var reader = hosts.Host(service).App.Services.GetRequiredService<ITenantSecretReader>();
            (await reader.GetAsync(tenant.TenantId, "crm", CancellationToken.None)).ShouldBe(Value, service);
        }
    }

    [Fact]
    public async Task Delete_is_204_then_404_and_both_changes_are_in_the_audit_trail()
    {
        var tenant = await hosts.CreateTenantAsync("secrets-delete");
        await Client.SendAsync(HttpMethod.Put, "/v1/secrets/crm", tenant.ApiKey, Body(Value));

        var first = await Client.SendAsync(HttpMethod.Delete, "/v1/secrets/crm", tenant.ApiKey);
        var again = await Client.SendAsync(HttpMethod.Delete, "/v1/secrets/crm", tenant.ApiKey);
        var page = await Client.SendForJsonAsync(HttpMethod.Get, "/v1/secrets", tenant.ApiKey);

        first.Status.ShouldBe(HttpStatusCode.NoContent);
        again.Status.ShouldBe(HttpStatusCode.NotFound);
        again.Body.GetProperty("code").GetString().ShouldBe("not_found");
        page.GetProperty("data").GetArrayLength().ShouldBe(0);
        (await hosts.Api.App.Services.GetRequiredService<ITenantSecretReader>().GetAsync(tenant.TenantId, "crm", CancellationToken.None)).ShouldBeNull();
        await using var scope = hosts.Api.App.Services.CreateAsyncScope();
        var trail = await scope.ServiceProvider.GetRequiredService<InvortoDbContext>().Set<AuditEvent>()
            .Where(entry => entry.TenantId == tenant.TenantId).OrderBy(entry => entry.Id).ToListAsync();
        trail.Select(entry => (entry.Action, entry.TargetId, entry.ApiKeyId)).ShouldBe([("secret.put", "crm", (Guid?)tenant.ApiKeyId), ("secret.deleted", "crm", tenant.ApiKeyId)]);
    }

    [Theory]
    [InlineData("CRM")]
    [InlineData("crm-key")]
    [InlineData("9lives")]
    public async Task A_bad_name_is_400_bad_request_on_name(string name)
    {
        var tenant = await hosts.CreateTenantAsync($"secrets-bad-{name}");

        var put = await Client.SendForJsonAsync(HttpMethod.Put, $"/v1/secrets/{name}", tenant.ApiKey, Body(Value), HttpStatusCode.BadRequest);

        ApiCalls.ErrorFieldsOf(put).ShouldBe(["name"]);
        put.GetRawText().ShouldNotContain(Value);
    }

    [Fact]
    public async Task An_empty_or_oversized_value_is_400_on_value_and_is_not_echoed()
    {
        var tenant = await hosts.CreateTenantAsync("secrets-bad-value");
        var oversized = Value + new string('x', 8192);

        var empty = await Client.SendForJsonAsync(HttpMethod.Put, "/v1/secrets/crm", tenant.ApiKey, Body(string.Empty), HttpStatusCode.BadRequest);
        var tooLong = await Client.SendForJsonAsync(HttpMethod.Put, "/v1/secrets/crm", tenant.ApiKey, Body(oversized), HttpStatusCode.BadRequest);

        ApiCalls.ErrorFieldsOf(empty).ShouldBe(["value"]);
        ApiCalls.ErrorFieldsOf(tooLong).ShouldBe(["value"]);
        tooLong.GetRawText().ShouldNotContain(Value);
    }

    [Theory]
    [InlineData(ApiKeyRole.Dev)]
    [InlineData(ApiKeyRole.Analyst)]
    public async Task Only_admin_keys_manage_or_list_secrets(ApiKeyRole role)
    {
        var tenant = await hosts.CreateTenantAsync($"secrets-{role}");
        await Client.SendAsync(HttpMethod.Put, "/v1/secrets/crm", tenant.ApiKey, Body(Value));
        var (_, key) = await hosts.IssueKeyAsync(tenant.TenantId, role);

        var put = await Client.SendAsync(HttpMethod.Put, "/v1/secrets/other", key, Body(Value));
        var list = await Client.SendAsync(HttpMethod.Get, "/v1/secrets", key);
        var delete = await Client.SendAsync(HttpMethod.Delete, "/v1/secrets/crm", key);

        put.Status.ShouldBe(HttpStatusCode.Forbidden);
        put.Body.GetProperty("code").GetString().ShouldBe("forbidden");
        list.Status.ShouldBe(HttpStatusCode.Forbidden);
        delete.Status.ShouldBe(HttpStatusCode.Forbidden);
        (await Client.SendForJsonAsync(HttpMethod.Get, "/v1/secrets", tenant.ApiKey)).GetProperty("data").EnumerateArray()
            .Select(secret => secret.GetProperty("name").GetString()).ShouldBe(["crm"]);
    }

    [Fact]
    public async Task Without_a_key_the_routes_are_401()
    {
        var response = await Client.PutAsync("/v1/secrets/crm", new StringContent(Body(Value), System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Another_tenants_secret_is_neither_listed_nor_deleted_nor_read()
    {
        var mine = await hosts.CreateTenantAsync("secrets-mine");
        var theirs = await hosts.CreateTenantAsync("secrets-theirs");
        await Client.SendAsync(HttpMethod.Put, "/v1/secrets/crm", theirs.ApiKey, Body(Value));

        var list = await Client.SendForJsonAsync(HttpMethod.Get, "/v1/secrets", mine.ApiKey);
        var delete = await Client.SendAsync(HttpMethod.Delete, "/v1/secrets/crm", mine.ApiKey);

        list.GetProperty("data").GetArrayLength().ShouldBe(0);
        delete.Status.ShouldBe(HttpStatusCode.NotFound);
        var reader = hosts.Api.App.Services.GetRequiredService<ITenantSecretReader>();
        (await reader.GetAsync(mine.TenantId, "crm", CancellationToken.None)).ShouldBeNull();
        (await reader.GetAsync(theirs.TenantId, "crm", CancellationToken.None)).ShouldBe(Value);
    }

    [Fact]
    public async Task A_tool_referencing_a_stored_secret_validates_and_one_referencing_a_missing_secret_does_not()
    {
        var tenant = await hosts.CreateTenantAsync("secrets-tools");
        await Client.SendAsync(HttpMethod.Put, "/v1/secrets/crm", tenant.ApiKey, Body(Value));
        const string Tool = """
            {"name":"get_order","method":"GET","url":"https://api.example.com/orders/{orderId}","headers":{"Authorization":"Bearer ${secrets.NAME}"},
             "inputSchema":{"type":"object","properties":{"orderId":{"type":"string"}},"required":["orderId"]}}
            """;

        var stored = await Client.SendForJsonAsync(HttpMethod.Post, "/v1/tools/validate", tenant.ApiKey, Tool.Replace("NAME", "crm", StringComparison.Ordinal));
        var missing = await Client.SendForJsonAsync(HttpMethod.Post, "/v1/tools/validate", tenant.ApiKey, Tool.Replace("NAME", "erp", StringComparison.Ordinal));

        stored.GetProperty("valid").GetBoolean().ShouldBeTrue();
        missing.GetProperty("valid").GetBoolean().ShouldBeFalse();
        var problem = missing.GetProperty("problems").EnumerateArray().ShouldHaveSingleItem();
        problem.GetProperty("field").GetString().ShouldBe("headers.Authorization");
        problem.GetProperty("message").GetString()!.ShouldContain("'erp'");
    }

    [Fact]
    public async Task An_agent_save_refuses_a_tool_whose_secret_is_missing_and_accepts_it_once_the_secret_exists()
    {
        var tenant = await hosts.CreateTenantAsync("secrets-agent-save");
        const string Agent = """
            {"name":"CRM","config":{"prompt":"p","tools":[{"name":"get_order","method":"GET","url":"https://api.example.com/orders",
             "headers":{"Authorization":"Bearer ${secrets.crm}"}}]}}
            """;

        var refused = await Client.SendAsync(HttpMethod.Post, "/v1/agents", tenant.ApiKey, Agent);
        await Client.SendAsync(HttpMethod.Put, "/v1/secrets/crm", tenant.ApiKey, Body(Value));
        var created = await Client.SendAsync(HttpMethod.Post, "/v1/agents", tenant.ApiKey, Agent);

        refused.Status.ShouldBe(HttpStatusCode.BadRequest);
        ApiCalls.ErrorFieldsOf(refused.Body).ShouldBe(["config.tools[0].headers.Authorization"]);
        refused.Body.GetProperty("errors").GetProperty("config.tools[0].headers.Authorization")[0].GetString()!.ShouldContain("'crm'");
        created.Status.ShouldBe(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("""{"prompt":"p","tools":[{"name":"t","url":"https://169.254.169.254/latest/meta-data"}]}""", "config.tools[0].url")]
    [InlineData("""{"prompt":"p","tools":[{"name":"t","url":"http://api.example.com/x"}]}""", "config.tools[0].url")]
    [InlineData("""{"prompt":"p","llm":{"baseUrl":"http://10.0.0.7:8000/v1"}}""", "config.llm.baseUrl")]
    [InlineData("""{"prompt":"p","voice":{"provider":"openai","baseUrl":"http://localhost:8880/v1"}}""", "config.voice.baseUrl")]
    public async Task An_agent_save_refuses_targets_that_tools_validate_would_refuse(string config, string field)
    {
        var tenant = await hosts.CreateTenantAsync("agent-targets");

        var refused = await Client.SendAsync(HttpMethod.Post, "/v1/agents", tenant.ApiKey, $$"""{"name":"A","config":{{config}}}""");

        refused.Status.ShouldBe(HttpStatusCode.BadRequest);
        ApiCalls.ErrorFieldsOf(refused.Body).ShouldBe([field]);
    }
}
