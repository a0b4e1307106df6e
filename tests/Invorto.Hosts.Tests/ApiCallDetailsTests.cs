using System.Net;
using System.Text.Json;
using Invorto.Domain.Tenants;

namespace Invorto.Hosts.Tests;

/// <summary><c>POST /v1/calls</c> metadata, and the <c>kpis</c> and <c>analysis</c> of <c>GET /v1/calls/{id}</c>.</summary>
[Collection(HostsCollection.Name)]
public sealed class ApiCallDetailsTests(HostsFixture hosts)
{
    private HttpClient Client => hosts.Api.Client;

    [Fact]
    public async Task Metadata_given_when_placing_a_call_is_returned_by_the_call_and_the_listing()
    {
        var (key, _, agentId) = await hosts.TenantWithAgentAsync("metadata");

        var callId = await hosts.PlaceCallAsync(key, agentId, """{"crmId":"A-17","attempt":2,"vip":true}""");
        var detail = await Client.SendForJsonAsync(HttpMethod.Get, $"/v1/calls/{callId}", key);
        var listed = await Client.SendForJsonAsync(HttpMethod.Get, "/v1/calls", key);

        var metadata = detail.GetProperty("metadata");
        metadata.EnumerateObject().Select(property => property.Name).ShouldBe(["crmId", "attempt", "vip"], ignoreOrder: true);
        (metadata.GetProperty("crmId").GetString(), metadata.GetProperty("attempt").GetInt32(), metadata.GetProperty("vip").GetBoolean()).ShouldBe(("A-17", 2, true));
        listed.GetProperty("data")[0].GetProperty("metadata").GetProperty("crmId").GetString().ShouldBe("A-17");
    }

    [Fact]
    public async Task A_call_without_metadata_shows_null()
    {
        var (key, _, agentId) = await hosts.TenantWithAgentAsync("metadata-none");

        var callId = await hosts.PlaceCallAsync(key, agentId);
        var detail = await Client.SendForJsonAsync(HttpMethod.Get, $"/v1/calls/{callId}", key);

        detail.GetProperty("metadata").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Bad_metadata_is_refused_per_field_and_no_call_is_placed()
    {
        var (key, _, agentId) = await hosts.TenantWithAgentAsync("metadata-bad");
        var tooMany = string.Join(',', Enumerable.Range(0, 51).Select(i => $"\"k{i}\":{i}"));

        var nested = await Client.SendForJsonAsync(
            HttpMethod.Post, "/v1/calls", key, $$$$"""{"agentId":"{{{{agentId}}}}","to":"+919800000002","from":"+918000000001","metadata":{"ok":1,"deep":{"x":1}}}""", HttpStatusCode.BadRequest);
        var notObject = await Client.SendForJsonAsync(
            HttpMethod.Post, "/v1/calls", key, $$"""{"agentId":"{{agentId}}","to":"+919800000002","from":"+918000000001","metadata":[1]}""", HttpStatusCode.BadRequest);
        var large = await Client.SendForJsonAsync(
            HttpMethod.Post, "/v1/calls", key, $$"""{"agentId":"{{agentId}}","to":"+919800000002","from":"+918000000001","metadata":""" + "{" + tooMany + "}}", HttpStatusCode.BadRequest);
        var listed = await Client.SendForJsonAsync(HttpMethod.Get, "/v1/calls", key);

        ApiCalls.ErrorFieldsOf(nested).ShouldBe(["metadata.deep"]);
        ApiCalls.ErrorFieldsOf(notObject).ShouldBe(["metadata"]);
        ApiCalls.ErrorFieldsOf(large).ShouldBe(["metadata"]);
        listed.GetProperty("data").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Kpis_and_analysis_are_null_until_the_engine_writes_them()
    {
        var (key, _, agentId) = await hosts.TenantWithAgentAsync("kpis-none");

        var callId = await hosts.PlaceCallAsync(key, agentId);
        var detail = await Client.SendForJsonAsync(HttpMethod.Get, $"/v1/calls/{callId}", key);

        detail.GetProperty("kpis").ValueKind.ShouldBe(JsonValueKind.Null);
        detail.GetProperty("analysis").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Kpis_come_from_usage_and_analysis_from_summary()
    {
        var (key, _, agentId) = await hosts.TenantWithAgentAsync("kpis");
        var callId = await hosts.PlaceCallAsync(key, agentId);
        await hosts.UpdateCallAsync(callId, set => set
            .SetProperty(call => call.UsageJson, """{"asrMinutes":1.5,"kpis":{"turns":6,"turnLatencyP50Ms":612.5,"turnLatencyP95Ms":980,"bargeIns":1}}""")
            .SetProperty(call => call.SummaryJson, """{"outcome":"booked","nextStep":"send the invite","notes":"prefers mornings"}"""));

        var detail = await Client.SendForJsonAsync(HttpMethod.Get, $"/v1/calls/{callId}", key);

        var kpis = detail.GetProperty("kpis");
        kpis.GetProperty("turns").GetInt32().ShouldBe(6);
        kpis.GetProperty("turnLatencyP50Ms").GetDouble().ShouldBe(612.5);
        kpis.GetProperty("turnLatencyP95Ms").GetDouble().ShouldBe(980);
        kpis.GetProperty("llmFirstTokenP50Ms").ValueKind.ShouldBe(JsonValueKind.Null);
        kpis.GetProperty("bargeIns").GetInt32().ShouldBe(1);
        var analysis = detail.GetProperty("analysis");
        analysis.GetProperty("outcome").GetString().ShouldBe("booked");
        analysis.GetProperty("nextStep").GetString().ShouldBe("send the invite");
        analysis.GetProperty("notes").GetString().ShouldBe("prefers mornings");
    }

    [Fact]
    public async Task Another_tenants_call_detail_is_not_found()
    {
        var (key, _, agentId) = await hosts.TenantWithAgentAsync("detail-mine");
        var (otherKey, _, _) = await hosts.TenantWithAgentAsync("detail-theirs");
        var callId = await hosts.PlaceCallAsync(key, agentId, """{"secret":"x"}""");

        var response = await Client.SendAsync(HttpMethod.Get, $"/v1/calls/{callId}", otherKey);

        response.Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Analyst_reads_call_details_but_cannot_place_calls_with_metadata()
    {
        var (key, tenantId, agentId) = await hosts.TenantWithAgentAsync("detail-analyst");
        var (_, analyst) = await hosts.IssueKeyAsync(tenantId, ApiKeyRole.Analyst);
        var callId = await hosts.PlaceCallAsync(key, agentId, """{"a":1}""");

        (await Client.SendAsync(HttpMethod.Get, $"/v1/calls/{callId}", analyst)).Status.ShouldBe(HttpStatusCode.OK);
        (await Client.SendAsync(HttpMethod.Post, "/v1/calls", analyst, $$$"""{"agentId":"{{{agentId}}}","to":"+919800000002","from":"+918000000001","metadata":{"a":1}}""")).Status
            .ShouldBe(HttpStatusCode.Forbidden);
    }
}
