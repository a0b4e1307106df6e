using System.Net;
using Invorto.Domain.Calls;
using Invorto.Hosts.Tests.Realtime;
using Invorto.Infrastructure.Persistence;
using Invorto.Testing.Jambonz;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Invorto.Hosts.Tests;

/// <summary>Spec §4: at 80 % and 100 % of the daily cap a billing entry is recorded once; from 100 % new calls get 429.</summary>
[Collection(HostsCollection.Name)]
public sealed class ApiSpendCapTests(HostsFixture hosts)
{
    private async Task SetCapAsync(Guid tenantId, decimal? cap)
    {
        await using var scope = hosts.Api.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InvortoDbContext>();
        var tenant = await db.Tenants.SingleAsync(t => t.Id == tenantId);
        tenant.ChangeLimits(cap, null);
        await db.SaveChangesAsync();
    }

    private async Task<List<string>> BillingEntriesAsync(Guid tenantId)
    {
        await using var scope = hosts.Api.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InvortoDbContext>();
        var calls = db.Calls.Where(call => call.TenantId == tenantId).Select(call => call.Id);
        return await db.CallEvents.Where(entry => calls.Contains(entry.CallId) && entry.Kind.StartsWith("spend_cap.")).Select(entry => entry.Kind).ToListAsync();
    }

    [Fact]
    public async Task Calls_stop_at_the_cap_and_each_threshold_is_recorded_once()
    {
        var (key, tenantId, agentId) = await hosts.TenantWithAgentAsync("spend-cap");
        await SetCapAsync(tenantId, 10m);
        var first = await hosts.PlaceCallAsync(key, agentId);
        await hosts.UpdateCallAsync(first, set => set.SetProperty(call => call.CostInr, 8m));

        await hosts.PlaceCallAsync(key, agentId);
        var second = await hosts.PlaceCallAsync(key, agentId);
        var afterEighty = await BillingEntriesAsync(tenantId);
        await hosts.UpdateCallAsync(second, set => set.SetProperty(call => call.CostInr, 2m));
        // Measured before the request: the server's Retry-After is the ceiling of its own (later) time to midnight.
        var untilMidnight = DateTimeOffset.UtcNow.Date.AddDays(1) - DateTimeOffset.UtcNow.UtcDateTime;
        var refused = await hosts.Api.Client.SendAsync(HttpMethod.Post, "/v1/calls", key, $$"""{"agentId":"{{agentId}}","to":"+919800000002","from":"+918000000001"}""");
        var refusedAgain = await hosts.Api.Client.SendAsync(HttpMethod.Post, "/v1/calls", key, $$"""{"agentId":"{{agentId}}","to":"+919800000002","from":"+918000000001"}""");

        afterEighty.ShouldBe(["spend_cap.80"]);
        refused.Status.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Body.GetProperty("code").GetString().ShouldBe("quota_exceeded");
        refused.Body.GetProperty("detail").GetString()!.ShouldContain("daily spend cap");
        refused.Response.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeInRange(untilMidnight.TotalSeconds - 60, untilMidnight.TotalSeconds + 1);
        refusedAgain.Status.ShouldBe(HttpStatusCode.TooManyRequests);
        (await BillingEntriesAsync(tenantId)).ShouldBe(["spend_cap.80", "spend_cap.100"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_tenant_without_a_cap_is_never_stopped_by_spend()
    {
        var (key, tenantId, agentId) = await hosts.TenantWithAgentAsync("spend-no-cap");
        var first = await hosts.PlaceCallAsync(key, agentId);
        await hosts.UpdateCallAsync(first, set => set.SetProperty(call => call.CostInr, 100_000m));

        await hosts.PlaceCallAsync(key, agentId);

        (await BillingEntriesAsync(tenantId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task One_tenants_spend_does_not_count_against_another()
    {
        var (key, tenantId, agentId) = await hosts.TenantWithAgentAsync("spend-big");
        var (otherKey, otherTenantId, otherAgentId) = await hosts.TenantWithAgentAsync("spend-small");
        await SetCapAsync(otherTenantId, 10m);
        var expensive = await hosts.PlaceCallAsync(key, agentId);
        await hosts.UpdateCallAsync(expensive, set => set.SetProperty(call => call.CostInr, 500m));

        await hosts.PlaceCallAsync(otherKey, otherAgentId);

        (await BillingEntriesAsync(otherTenantId)).ShouldBeEmpty();
        (await BillingEntriesAsync(tenantId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Once_costs_reach_the_cap_inbound_calls_hear_busy_and_web_calls_are_closed_with_4429()
    {
        var (key, tenantId, agentId) = await hosts.TenantWithAgentAsync("spend-cap-everywhere");
        var number = $"+1415{Random.Shared.Next(1_000_000, 9_999_999)}";
        await hosts.Api.Client.SendForJsonAsync(HttpMethod.Post, "/v1/numbers", key, $$"""{"number":"{{number}}","agentId":"{{agentId}}","provider":"jambonz"}""", HttpStatusCode.Created);
        await SetCapAsync(tenantId, 10m);
        var spent = await hosts.PlaceCallAsync(key, agentId);
        await hosts.UpdateCallAsync(spent, set => set.SetProperty(call => call.CostInr, 10m));
        var jambonz = new JambonzSimulator(hosts.Telephony.Client, (_, _, _) => throw new NotSupportedException("no listen socket here"), HostsFixture.JambonzSecret);

        var verbs = await jambonz.CallHookAsync($"sid-{Guid.NewGuid():N}", "inbound", "+919812345678", number, customerData: null, CancellationToken.None);
        await using var browser = await VoiceClient.ConnectAsync(hosts.Realtime, "/realtime/voice", c => c.SubProtocols.Add(key));
        await browser.SendTextAsync(WebCalls.Start(agentId));

        verbs.Select(verb => verb!["verb"]!.GetValue<string>()).ShouldBe(["say", "hangup"]);
        verbs[0]!["text"]!.GetValue<string>().ShouldContain("busy");
        (await browser.ClosedWithAsync()).ShouldBe(4429);
        await using var scope = hosts.Api.App.Services.CreateAsyncScope();
        var refused = await scope.ServiceProvider.GetRequiredService<InvortoDbContext>().Calls.AsNoTracking()
            .SingleAsync(call => call.TenantId == tenantId && call.Direction == CallDirection.Inbound);
        (refused.Status, refused.EndReason).ShouldBe((CallStatus.Failed, CallEndReasons.SpendCap));
    }
}
