using System.Net;
using System.Text.Json;
using Invorto.Application.Abstractions;
using Invorto.Application.Numbers.Specifications;
using Invorto.Domain.Telephony;
using Invorto.Domain.Tenants;
using Microsoft.Extensions.DependencyInjection;

namespace Invorto.Hosts.Tests;

[Collection(HostsCollection.Name)]
public sealed class ApiNumbersTests(HostsFixture hosts)
{
    private static int _nextNumber;

    private HttpClient Client => hosts.Api.Client;

    // Numbers are unique across every tenant of the shared database, so each test takes fresh ones.
    private static string FreshNumber() => $"+9199{Environment.ProcessId % 1000:D3}{Interlocked.Increment(ref _nextNumber):D5}";

    private static string Body(string number, Guid agentId, string provider = "jambonz") =>
        $$"""{"number":"{{number}}","agentId":"{{agentId}}","provider":"{{provider}}"}""";

    [Fact]
    public async Task Added_number_is_listed_normalised_and_found_by_the_inbound_routing_spec()
    {
        var tenant = await hosts.CreateTenantAsync("numbers-add");
        var agentId = await Client.CreateAgentAsync(tenant.ApiKey);
        var number = FreshNumber();
        var spaced = $"{number[..5]} {number[5..]}";

        var created = await Client.SendForJsonAsync(HttpMethod.Post, "/v1/numbers", tenant.ApiKey, Body(spaced, agentId, "twilio"), HttpStatusCode.Created);
        var page = await Client.SendForJsonAsync(HttpMethod.Get, "/v1/numbers", tenant.ApiKey);

        created.GetProperty("number").GetString().ShouldBe(number);
        created.GetProperty("agentId").GetGuid().ShouldBe(agentId);
        created.GetProperty("provider").GetString().ShouldBe("twilio");
        page.GetProperty("data").EnumerateArray().Select(n => n.GetProperty("id").GetGuid()).ShouldBe([created.GetProperty("id").GetGuid()]);
        page.GetProperty("nextCursor").ValueKind.ShouldBe(JsonValueKind.Null);

        await using var scope = hosts.Api.App.Services.CreateAsyncScope();
        var route = await scope.ServiceProvider.GetRequiredService<IReadRepository<PhoneNumberRoute>>()
            .SingleOrDefaultAsync(new PhoneNumberRouteByNumberSpec(PhoneNumber.Parse(number)));
        route.ShouldNotBeNull();
        route.TenantId.ShouldBe(tenant.TenantId);
        route.AgentId.ShouldBe(agentId);
    }

    [Fact]
    public async Task A_number_registered_by_any_tenant_is_a_conflict()
    {
        var first = await hosts.CreateTenantAsync("numbers-first");
        var second = await hosts.CreateTenantAsync("numbers-second");
        var number = FreshNumber();
        await Client.SendForJsonAsync(HttpMethod.Post, "/v1/numbers", first.ApiKey, Body(number, await Client.CreateAgentAsync(first.ApiKey)), HttpStatusCode.Created);

        var sameTenant = await Client.SendAsync(HttpMethod.Post, "/v1/numbers", first.ApiKey, Body(number, await Client.CreateAgentAsync(first.ApiKey)));
        var otherTenant = await Client.SendAsync(HttpMethod.Post, "/v1/numbers", second.ApiKey, Body(number, await Client.CreateAgentAsync(second.ApiKey)));

        sameTenant.Status.ShouldBe(HttpStatusCode.Conflict);
        otherTenant.Status.ShouldBe(HttpStatusCode.Conflict);
        otherTenant.Body.GetProperty("code").GetString().ShouldBe("conflict");
        (await Client.SendForJsonAsync(HttpMethod.Get, "/v1/numbers", second.ApiKey)).GetProperty("data").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Another_tenants_agent_is_rejected_on_the_agentId_field()
    {
        var mine = await hosts.CreateTenantAsync("numbers-agent-mine");
        var theirs = await hosts.CreateTenantAsync("numbers-agent-theirs");
        var theirAgent = await Client.CreateAgentAsync(theirs.ApiKey);

        var problem = await Client.SendForJsonAsync(HttpMethod.Post, "/v1/numbers", mine.ApiKey, Body(FreshNumber(), theirAgent), HttpStatusCode.BadRequest);

        ApiCalls.ErrorFieldsOf(problem).ShouldBe(["agentId"]);
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("+0123456789")]
    [InlineData("call me")]
    [InlineData("")]
    public async Task A_number_that_is_not_E164_is_rejected_on_the_number_field(string number)
    {
        var tenant = await hosts.CreateTenantAsync("numbers-bad");
        var agentId = await Client.CreateAgentAsync(tenant.ApiKey);

        var problem = await Client.SendForJsonAsync(HttpMethod.Post, "/v1/numbers", tenant.ApiKey, Body(number, agentId), HttpStatusCode.BadRequest);

        ApiCalls.ErrorFieldsOf(problem).ShouldBe(["number"]);
    }

    [Fact]
    public async Task Unknown_provider_is_rejected_on_the_provider_field()
    {
        var tenant = await hosts.CreateTenantAsync("numbers-provider");
        var agentId = await Client.CreateAgentAsync(tenant.ApiKey);

        var problem = await Client.SendForJsonAsync(HttpMethod.Post, "/v1/numbers", tenant.ApiKey, Body(FreshNumber(), agentId, "plivo"), HttpStatusCode.BadRequest);

        ApiCalls.ErrorFieldsOf(problem).ShouldBe(["provider"]);
    }

    [Fact]
    public async Task Numbers_are_invisible_to_other_tenants_and_removal_frees_the_number()
    {
        var owner = await hosts.CreateTenantAsync("numbers-owner");
        var other = await hosts.CreateTenantAsync("numbers-other");
        var number = FreshNumber();
        var created = await Client.SendForJsonAsync(HttpMethod.Post, "/v1/numbers", owner.ApiKey, Body(number, await Client.CreateAgentAsync(owner.ApiKey)), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();

        var foreignDelete = await Client.SendAsync(HttpMethod.Delete, $"/v1/numbers/{id}", other.ApiKey);
        var foreignList = await Client.SendForJsonAsync(HttpMethod.Get, "/v1/numbers", other.ApiKey);
        var delete = await Client.SendAsync(HttpMethod.Delete, $"/v1/numbers/{id}", owner.ApiKey);
        var reRegister = await Client.SendAsync(HttpMethod.Post, "/v1/numbers", other.ApiKey, Body(number, await Client.CreateAgentAsync(other.ApiKey)));

        foreignDelete.Status.ShouldBe(HttpStatusCode.NotFound);
        foreignList.GetProperty("data").GetArrayLength().ShouldBe(0);
        delete.Status.ShouldBe(HttpStatusCode.NoContent);
        reRegister.Status.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Analyst_keys_read_numbers_but_cannot_change_them()
    {
        var tenant = await hosts.CreateTenantAsync("numbers-analyst");
        var (_, analyst) = await hosts.IssueKeyAsync(tenant.TenantId, ApiKeyRole.Analyst);
        var agentId = await Client.CreateAgentAsync(tenant.ApiKey);

        var list = await Client.SendAsync(HttpMethod.Get, "/v1/numbers", analyst);
        var add = await Client.SendAsync(HttpMethod.Post, "/v1/numbers", analyst, Body(FreshNumber(), agentId));

        list.Status.ShouldBe(HttpStatusCode.OK);
        add.Status.ShouldBe(HttpStatusCode.Forbidden);
    }
}
