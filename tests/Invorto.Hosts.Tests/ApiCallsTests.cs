using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Invorto.Domain.Agents;
using Invorto.Domain.Calls;
using Invorto.Domain.Tenants;
using Invorto.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Invorto.Hosts.Tests;

[Collection(HostsCollection.Name)]
public sealed class ApiCallsTests(HostsFixture hosts)
{
    private static readonly DateTimeOffset Base = new(2026, 3, 10, 8, 0, 0, TimeSpan.Zero);

    private HttpClient Client => hosts.Api.Client;

    private async Task<JsonElement> GetJsonAsync(string path, string key, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static Guid[] IdsOf(JsonElement page) => [.. page.GetProperty("data").EnumerateArray().Select(call => call.GetProperty("id").GetGuid())];

    private static string? NextCursorOf(JsonElement page) => page.GetProperty("nextCursor").GetString();

    private static string[] ErrorKeysOf(JsonElement problem)
    {
        problem.GetProperty("code").GetString().ShouldBe("bad_request");
        return [.. problem.GetProperty("errors").EnumerateObject().Select(p => p.Name)];
    }

    private async Task<Agent> SeedAgentAsync(Guid tenantId, string config = """{"prompt":"v1"}""")
    {
        await using var scope = hosts.Api.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InvortoDbContext>();
        var agent = Agent.Create(Guid.CreateVersion7(), tenantId, "Calls agent", config, Base.AddDays(-30));
        db.Agents.Add(agent);
        await db.SaveChangesAsync();
        return agent;
    }

    private async Task SeedAsync(params Call[] calls)
    {
        await using var scope = hosts.Api.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InvortoDbContext>();
        db.Calls.AddRange(calls);
        await db.SaveChangesAsync();
    }

    private static Call Outbound(Guid tenantId, Guid agentId, DateTimeOffset createdAt, CallStatus? endStatus = null, int talkSeconds = 0, Guid? campaignId = null)
    {
        var call = Call.PlaceOutbound(Guid.CreateVersion7(), tenantId, agentId, 1, "+911100000000", "+919800000000", "jambonz", campaignId, createdAt);
        if (endStatus is CallStatus.Completed)
        {
            call.ApplyStatus(CallStatus.InProgress, createdAt.AddSeconds(5));
            call.ApplyStatus(CallStatus.Completed, createdAt.AddSeconds(5 + talkSeconds));
        }
        else if (endStatus is { } status)
        {
            call.ApplyStatus(CallStatus.Dialing, createdAt.AddSeconds(1));
            call.ApplyStatus(status, createdAt.AddSeconds(3));
        }

        return call;
    }

    private static Call Inbound(Guid tenantId, Guid agentId, DateTimeOffset createdAt) =>
        Call.ReceiveInbound(Guid.CreateVersion7(), tenantId, agentId, 1, "+919800000001", "+911100000000", "twilio", $"CA{Guid.NewGuid():N}", answered: true, createdAt);

    [Fact]
    public async Task Listing_pages_through_every_call_newest_first_without_duplicates_or_gaps()
    {
        var tenant = await hosts.CreateTenantAsync("calls-pages");
        var agent = await SeedAgentAsync(tenant.TenantId);
        var calls = Enumerable.Range(0, 7).Select(i => Outbound(tenant.TenantId, agent.Id, Base.AddMinutes(i))).ToList();
        var sameInstant = Enumerable.Range(0, 2).Select(_ => Outbound(tenant.TenantId, agent.Id, Base.AddMinutes(3))).ToList();
        await SeedAsync([.. calls, .. sameInstant]);

        var first = await GetJsonAsync("/v1/calls?limit=4", tenant.ApiKey);
        var second = await GetJsonAsync($"/v1/calls?limit=4&cursor={NextCursorOf(first)}", tenant.ApiKey);
        var third = await GetJsonAsync($"/v1/calls?limit=4&cursor={NextCursorOf(second)}", tenant.ApiKey);

        var expected = calls.Concat(sameInstant).OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Select(c => c.Id).ToArray();
        IdsOf(first).Length.ShouldBe(4);
        IdsOf(second).Length.ShouldBe(4);
        IdsOf(third).Length.ShouldBe(1);
        NextCursorOf(third).ShouldBeNull();
        IdsOf(first).Concat(IdsOf(second)).Concat(IdsOf(third)).ShouldBe(expected);
    }

    [Fact]
    public async Task Listing_shows_wire_names_and_defaults_to_fifty()
    {
        var tenant = await hosts.CreateTenantAsync("calls-wire");
        var agent = await SeedAgentAsync(tenant.TenantId);
        await SeedAsync([.. Enumerable.Range(0, 51).Select(i => Inbound(tenant.TenantId, agent.Id, Base.AddSeconds(i)))]);

        var page = await GetJsonAsync("/v1/calls", tenant.ApiKey);

        IdsOf(page).Length.ShouldBe(50);
        NextCursorOf(page).ShouldNotBeNull();
        var newest = page.GetProperty("data")[0];
        newest.GetProperty("status").GetString().ShouldBe("in-progress");
        newest.GetProperty("direction").GetString().ShouldBe("inbound");
    }

    [Fact]
    public async Task Each_filter_keeps_only_matching_calls()
    {
        var tenant = await hosts.CreateTenantAsync("calls-filters");
        var agent = await SeedAgentAsync(tenant.TenantId);
        var other = await SeedAgentAsync(tenant.TenantId);
        var campaign = Guid.CreateVersion7();
        var completed = Outbound(tenant.TenantId, agent.Id, Base, CallStatus.Completed, 60);
        var busy = Outbound(tenant.TenantId, agent.Id, Base.AddHours(1), CallStatus.Busy);
        var inbound = Inbound(tenant.TenantId, other.Id, Base.AddHours(2));
        var inCampaign = Outbound(tenant.TenantId, other.Id, Base.AddHours(3), campaignId: campaign);
        await SeedAsync(completed, busy, inbound, inCampaign);

        IdsOf(await GetJsonAsync("/v1/calls?status=completed", tenant.ApiKey)).ShouldBe([completed.Id]);
        IdsOf(await GetJsonAsync("/v1/calls?status=in-progress", tenant.ApiKey)).ShouldBe([inbound.Id]);
        IdsOf(await GetJsonAsync("/v1/calls?direction=inbound", tenant.ApiKey)).ShouldBe([inbound.Id]);
        IdsOf(await GetJsonAsync($"/v1/calls?agentId={agent.Id}", tenant.ApiKey)).ShouldBe([busy.Id, completed.Id]);
        IdsOf(await GetJsonAsync($"/v1/calls?agentId={other.Id}&direction=outbound", tenant.ApiKey)).ShouldBe([inCampaign.Id]);
        IdsOf(await GetJsonAsync($"/v1/calls?campaignId={campaign}", tenant.ApiKey)).ShouldBe([inCampaign.Id]);
        IdsOf(await GetJsonAsync($"/v1/calls?from={Uri.EscapeDataString(Base.AddHours(1).ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(Base.AddHours(3).ToString("O", CultureInfo.InvariantCulture))}", tenant.ApiKey))
            .ShouldBe([inbound.Id, busy.Id]);
    }

    [Theory]
    [InlineData("status=done", "status")]
    [InlineData("direction=sideways", "direction")]
    [InlineData("agentId=nope", "agentId")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("from=yesterday", "from")]
    [InlineData("from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", "from")]
    public async Task Invalid_filter_is_400_naming_it(string query, string field)
    {
        var tenant = await hosts.CreateTenantAsync("calls-invalid");

        var problem = await GetJsonAsync($"/v1/calls?{query}", tenant.ApiKey, HttpStatusCode.BadRequest);

        ErrorKeysOf(problem).ShouldBe([field]);
    }

    [Fact]
    public async Task Altered_foreign_or_other_filter_cursor_is_400_naming_the_cursor()
    {
        var tenant = await hosts.CreateTenantAsync("calls-cursor");
        var stranger = await hosts.CreateTenantAsync("calls-cursor-stranger");
        var agent = await SeedAgentAsync(tenant.TenantId);
        await SeedAsync(Outbound(tenant.TenantId, agent.Id, Base), Outbound(tenant.TenantId, agent.Id, Base.AddMinutes(1)));
        var cursor = NextCursorOf(await GetJsonAsync("/v1/calls?limit=1&status=queued", tenant.ApiKey))!;
        var altered = cursor[..10] + (cursor[10] == 'A' ? 'B' : 'A') + cursor[11..];

        var tampered = await GetJsonAsync($"/v1/calls?limit=1&status=queued&cursor={altered}", tenant.ApiKey, HttpStatusCode.BadRequest);
        var foreign = await GetJsonAsync($"/v1/calls?limit=1&status=queued&cursor={cursor}", stranger.ApiKey, HttpStatusCode.BadRequest);
        var otherFilter = await GetJsonAsync($"/v1/calls?limit=1&cursor={cursor}", tenant.ApiKey, HttpStatusCode.BadRequest);
        var same = await GetJsonAsync($"/v1/calls?limit=1&status=queued&cursor={cursor}", tenant.ApiKey);

        ErrorKeysOf(tampered).ShouldBe(["cursor"]);
        ErrorKeysOf(foreign).ShouldBe(["cursor"]);
        ErrorKeysOf(otherFilter).ShouldBe(["cursor"]);
        IdsOf(same).Length.ShouldBe(1);
    }

    [Fact]
    public async Task Another_tenants_calls_are_neither_listed_nor_found()
    {
        var owner = await hosts.CreateTenantAsync("calls-owner");
        var stranger = await hosts.CreateTenantAsync("calls-stranger");
        var agent = await SeedAgentAsync(owner.TenantId);
        var call = Outbound(owner.TenantId, agent.Id, Base);
        await SeedAsync(call);

        var listed = await GetJsonAsync("/v1/calls", stranger.ApiKey);
        var byId = await GetJsonAsync($"/v1/calls/{call.Id}", stranger.ApiKey, HttpStatusCode.NotFound);
        var timeline = await GetJsonAsync($"/v1/calls/{call.Id}/timeline", stranger.ApiKey, HttpStatusCode.NotFound);

        IdsOf(listed).ShouldBeEmpty();
        byId.GetProperty("code").GetString().ShouldBe("not_found");
        timeline.GetProperty("code").GetString().ShouldBe("not_found");
    }

    [Fact]
    public async Task Detail_has_costs_json_columns_and_the_agent_config_the_call_started_with()
    {
        var tenant = await hosts.CreateTenantAsync("calls-detail");
        var agent = await SeedAgentAsync(tenant.TenantId, """{"prompt":"first"}""");
        await using (var scope = hosts.Api.App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<InvortoDbContext>();
            var tracked = await db.Agents.FindAsync(agent.Id);
            tracked!.Revise(null, """{"prompt":"second"}""", Base);
            await db.SaveChangesAsync();
        }

        var call = Outbound(tenant.TenantId, agent.Id, Base, CallStatus.Completed, 90);
        call.AddCost(new CallCost(Guid.CreateVersion7(), call.Id, CallCostType.Transport, "jambonz", 1.5m, null, 0.75m));
        call.AddCost(new CallCost(Guid.CreateVersion7(), call.Id, CallCostType.Llm, "openai", null, 1200m, 1.25m));
        await SeedAsync(call);

        var detail = await GetJsonAsync($"/v1/calls/{call.Id}", tenant.ApiKey);

        detail.GetProperty("id").GetGuid().ShouldBe(call.Id);
        detail.GetProperty("status").GetString().ShouldBe("completed");
        detail.GetProperty("direction").GetString().ShouldBe("outbound");
        detail.GetProperty("durationSec").GetInt32().ShouldBe(90);
        detail.GetProperty("costInr").GetDecimal().ShouldBe(2.00m);
        detail.GetProperty("agentVersion").GetInt32().ShouldBe(1);
        detail.GetProperty("agentConfigAtCallStart").GetProperty("prompt").GetString().ShouldBe("first");
        detail.GetProperty("usage").ValueKind.ShouldBe(JsonValueKind.Null);
        var costs = detail.GetProperty("costs").EnumerateArray().ToList();
        costs.Select(cost => cost.GetProperty("type").GetString()).ShouldBe(["llm", "transport"], ignoreOrder: true);
        costs.Single(cost => cost.GetProperty("type").GetString() == "transport").GetProperty("minutes").GetDecimal().ShouldBe(1.5m);
    }

    [Fact]
    public async Task Timeline_is_ordered_by_time_with_payload_fields_merged()
    {
        var tenant = await hosts.CreateTenantAsync("calls-timeline");
        var agent = await SeedAgentAsync(tenant.TenantId);
        var call = Outbound(tenant.TenantId, agent.Id, Base);
        call.Record(Base.AddSeconds(9), "stt.final", """{"text":"hello","ts":"ignored"}""");
        call.Record(Base.AddSeconds(4), "bargein", null);
        await SeedAsync(call);

        var timeline = await GetJsonAsync($"/v1/calls/{call.Id}/timeline", tenant.ApiKey);

        var entries = timeline.GetProperty("data").EnumerateArray().ToList();
        entries.Select(entry => entry.GetProperty("type").GetString()).ShouldBe(["call.created", "bargein", "stt.final"]);
        entries[2].GetProperty("text").GetString().ShouldBe("hello");
        entries[2].GetProperty("ts").GetDateTimeOffset().ShouldBe(Base.AddSeconds(9));
    }

    [Fact]
    public async Task Metrics_sum_calls_minutes_and_cost_per_utc_day()
    {
        var tenant = await hosts.CreateTenantAsync("calls-metrics");
        var agent = await SeedAgentAsync(tenant.TenantId);
        var first = Outbound(tenant.TenantId, agent.Id, new DateTimeOffset(2026, 3, 10, 23, 50, 0, TimeSpan.Zero), CallStatus.Completed, 70);
        first.AddCost(new CallCost(Guid.CreateVersion7(), first.Id, CallCostType.Transport, "jambonz", null, null, 1.10m));
        var second = Outbound(tenant.TenantId, agent.Id, Base, CallStatus.Completed, 30);
        var nextDay = Outbound(tenant.TenantId, agent.Id, Base.AddDays(1), CallStatus.Busy);
        await SeedAsync(first, second, nextDay);

        var metrics = await GetJsonAsync("/v1/metrics?from=2026-03-09&to=2026-03-11", tenant.ApiKey);

        var days = metrics.GetProperty("days").EnumerateArray().ToList();
        days.Select(day => day.GetProperty("date").GetString()).ShouldBe(["2026-03-09", "2026-03-10", "2026-03-11"]);
        days.Select(day => day.GetProperty("calls").GetInt32()).ShouldBe([0, 2, 1]);
        days[1].GetProperty("minutes").GetDecimal().ShouldBe(1.67m);
        days[1].GetProperty("costInr").GetDecimal().ShouldBe(1.10m);
        days[2].GetProperty("minutes").GetDecimal().ShouldBe(0m);
    }

    [Fact]
    public async Task Metrics_default_to_the_last_seven_days_and_refuse_bad_ranges()
    {
        var tenant = await hosts.CreateTenantAsync("calls-metrics-range");
        var (_, analystKey) = await hosts.IssueKeyAsync(tenant.TenantId, ApiKeyRole.Analyst);

        var defaults = await GetJsonAsync("/v1/metrics", analystKey);
        var reversed = await GetJsonAsync("/v1/metrics?from=2026-03-10&to=2026-03-01", tenant.ApiKey, HttpStatusCode.BadRequest);
        var tooLong = await GetJsonAsync("/v1/metrics?from=2025-01-01&to=2026-03-01", tenant.ApiKey, HttpStatusCode.BadRequest);
        var notADate = await GetJsonAsync("/v1/metrics?from=March", tenant.ApiKey, HttpStatusCode.BadRequest);

        defaults.GetProperty("days").GetArrayLength().ShouldBe(7);
        defaults.GetProperty("days")[6].GetProperty("date").GetString().ShouldBe(DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        ErrorKeysOf(reversed).ShouldBe(["from"]);
        ErrorKeysOf(tooLong).ShouldBe(["to"]);
        ErrorKeysOf(notADate).ShouldBe(["from"]);
    }
}
