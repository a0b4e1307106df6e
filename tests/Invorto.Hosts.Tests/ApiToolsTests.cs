using System.Net;
using Invorto.Domain.Tenants;
using Invorto.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Invorto.Hosts.Tests;

/// <summary><c>POST /v1/tools/validate</c>: a verdict on one tool definition in the tenant's context.</summary>
[Collection(HostsCollection.Name)]
public sealed class ApiToolsTests(HostsFixture hosts)
{
    private const string GoodTool = """
        {"name":"get_order_status","description":"Order status","method":"GET","url":"https://api.example.com/orders/{orderId}",
         "headers":{"Accept":"application/json"},
         "inputSchema":{"type":"object","properties":{"orderId":{"type":"string"}},"required":["orderId"]},"timeoutMs":2000}
        """;

    private HttpClient Client => hosts.Api.Client;

    private async Task AllowToolHostsAsync(Guid tenantId, params string[] hostNames)
    {
        await using var scope = hosts.Api.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InvortoDbContext>();
        var tenant = await db.Tenants.SingleAsync(t => t.Id == tenantId);
        tenant.ChangeAllowedToolHosts(hostNames);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task A_good_tool_is_valid()
    {
        var tenant = await hosts.CreateTenantAsync("tools-good");

        var verdict = await Client.SendForJsonAsync(HttpMethod.Post, "/v1/tools/validate", tenant.ApiKey, GoodTool);

        verdict.GetProperty("valid").GetBoolean().ShouldBeTrue();
        verdict.GetProperty("problems").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Each_problem_names_its_field()
    {
        var tenant = await hosts.CreateTenantAsync("tools-bad");
        const string Tool = """
            {"name":"Get Order","method":"FETCH","url":"https://10.0.0.5/orders/{orderId}/{lineId}","timeoutMs":50,
             "headers":{"Authorization":"Bearer ${secrets.crm}"},
             "inputSchema":{"type":"object","properties":{"orderId":{"type":"string"}}}}
            """;

        var verdict = await Client.SendForJsonAsync(HttpMethod.Post, "/v1/tools/validate", tenant.ApiKey, Tool);
        var problems = verdict.GetProperty("problems").EnumerateArray()
            .Select(p => (Field: p.GetProperty("field").GetString(), Severity: p.GetProperty("severity").GetString(), Message: p.GetProperty("message").GetString()!))
            .ToList();

        verdict.GetProperty("valid").GetBoolean().ShouldBeFalse();
        problems.Select(p => p.Field).Distinct().ShouldBe(["name", "method", "timeoutMs", "url", "inputSchema.required", "headers.Authorization"], ignoreOrder: true);
        problems.ShouldContain(p => p.Field == "url" && p.Message.Contains("private"));
        problems.ShouldContain(p => p.Field == "url" && p.Message.Contains("{lineId}"));
        problems.Single(p => p.Field == "headers.Authorization").Message.ShouldContain("secret 'crm' does not exist");
    }

    [Fact]
    public async Task Hosts_off_the_tenants_allow_list_are_refused_and_listed_hosts_pass()
    {
        var tenant = await hosts.CreateTenantAsync("tools-allow-list");
        await AllowToolHostsAsync(tenant.TenantId, "*.example.com");

        var listed = await Client.SendForJsonAsync(HttpMethod.Post, "/v1/tools/validate", tenant.ApiKey, GoodTool);
        var other = await Client.SendForJsonAsync(HttpMethod.Post, "/v1/tools/validate", tenant.ApiKey, GoodTool.Replace("api.example.com", "api.example.org", StringComparison.Ordinal));

        listed.GetProperty("valid").GetBoolean().ShouldBeTrue();
        other.GetProperty("valid").GetBoolean().ShouldBeFalse();
        other.GetProperty("problems")[0].GetProperty("message").GetString()!.ShouldContain("allowedToolHosts");
    }

    [Fact]
    public async Task One_tenants_allow_list_does_not_apply_to_another()
    {
        var strict = await hosts.CreateTenantAsync("tools-strict");
        var open = await hosts.CreateTenantAsync("tools-open");
        await AllowToolHostsAsync(strict.TenantId, "crm.acme.in");

        var verdict = await Client.SendForJsonAsync(HttpMethod.Post, "/v1/tools/validate", open.ApiKey, GoodTool);

        verdict.GetProperty("valid").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Dev_keys_may_validate_and_analyst_keys_may_not()
    {
        var tenant = await hosts.CreateTenantAsync("tools-roles");
        var (_, dev) = await hosts.IssueKeyAsync(tenant.TenantId, ApiKeyRole.Dev);
        var (_, analyst) = await hosts.IssueKeyAsync(tenant.TenantId, ApiKeyRole.Analyst);

        (await Client.SendAsync(HttpMethod.Post, "/v1/tools/validate", dev, GoodTool)).Status.ShouldBe(HttpStatusCode.OK);
        var refused = await Client.SendAsync(HttpMethod.Post, "/v1/tools/validate", analyst, GoodTool);
        refused.Status.ShouldBe(HttpStatusCode.Forbidden);
        refused.Body.GetProperty("code").GetString().ShouldBe("forbidden");
        (await Client.SendAsync(HttpMethod.Post, "/v1/tools/validate", "inv_test_nobody", GoodTool)).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_body_that_is_not_an_object_gets_an_invalid_verdict()
    {
        var tenant = await hosts.CreateTenantAsync("tools-array");

        var verdict = await Client.SendForJsonAsync(HttpMethod.Post, "/v1/tools/validate", tenant.ApiKey, "[1,2]");

        verdict.GetProperty("valid").GetBoolean().ShouldBeFalse();
    }
}
