using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Invorto.Application.Abstractions;
using Invorto.Application.Conversations;
using Invorto.Domain.Calls;
using Invorto.Domain.Concurrency;
using Invorto.Domain.Tenants;
using Invorto.Infrastructure.Persistence;
using Invorto.Testing;
using Invorto.Testing.Jambonz;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Invorto.Hosts.Tests;

[Collection(HostsCollection.Name)]
public sealed class ApiCallControlTests(HostsFixture hosts)
{
    private HttpClient Api => hosts.Api.Client;

    private static HttpRequestMessage Post(string path, object body, string key) => new(HttpMethod.Post, path)
    {
        Content = JsonContent.Create(body),
        Headers = { Authorization = new AuthenticationHeaderValue("Bearer", key) },
    };

    private async Task<(string Key, Guid TenantId, Guid AgentId)> TenantWithAgentAsync(int? maxConcurrentCalls = null)
    {
        var tenant = await hosts.CreateTenantAsync("caller");
        var agent = await (await Api.SendAsync(Post("/v1/agents", new { name = "Dialer", config = new { prompt = "You call people." } }, tenant.ApiKey)))
            .Content.ReadFromJsonAsync<JsonElement>();
        if (maxConcurrentCalls is not null)
        {
            await using var scope = hosts.Api.App.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<InvortoDbContext>();
            var row = await db.Tenants.SingleAsync(t => t.Id == tenant.TenantId);
            row.ChangeLimits(null, maxConcurrentCalls);
            await db.SaveChangesAsync();
        }

        return (tenant.ApiKey, tenant.TenantId, agent.GetProperty("id").GetGuid());
    }

    private static object CallBody(Guid agentId, string to = "+919800000002") => new { agentId, to, from = "+918000000001" };

    private async Task<Call> FailedCallOfTenantAsync(Guid tenantId)
    {
        await using var scope = hosts.Api.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InvortoDbContext>().Calls.AsNoTracking()
            .SingleAsync(call => call.TenantId == tenantId && call.Status == CallStatus.Failed);
    }

    private async Task<int?> HeldByTenantAsync(Guid tenantId) =>
        await hosts.Api.App.Services.GetRequiredService<IConcurrencyLimiter>().CountAsync(ConcurrencyScope.ForTenant(tenantId, int.MaxValue), CancellationToken.None);

    private Task SendStatusAsync(string sid, string status) =>
        new JambonzSimulator(hosts.Telephony.Client, (_, _, _) => throw new NotSupportedException("no listen socket here"), HostsFixture.JambonzSecret)
            .StatusAsync(sid, status, CancellationToken.None);

    [Fact]
    public async Task Outbound_call_is_created_queued_and_placed_at_jambonz_with_its_id()
    {
        var (key, _, agentId) = await TenantWithAgentAsync();

        var response = await Api.SendAsync(Post("/v1/calls", CallBody(agentId), key));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var started = await response.Content.ReadFromJsonAsync<JsonElement>();
        started.GetProperty("status").GetString().ShouldBe("queued");
        var callId = started.GetProperty("id").GetGuid();
        hosts.Jambonz.Requests.ShouldContain(r => r.Method == "POST" && r.Body["tag"]!["invortoCallId"]!.GetValue<string>() == callId.ToString());
        (await hosts.LoadCallAsync(callId)).ProviderCallId.ShouldStartWith("sid-");
    }

    [Fact]
    public async Task Call_that_completes_through_its_status_hooks_releases_its_slot()
    {
        var (key, tenantId, agentId) = await TenantWithAgentAsync(maxConcurrentCalls: 5);
        var started = await (await Api.SendAsync(Post("/v1/calls", CallBody(agentId), key))).Content.ReadFromJsonAsync<JsonElement>();
        var call = await hosts.LoadCallAsync(started.GetProperty("id").GetGuid());
        (await HeldByTenantAsync(tenantId)).ShouldBe(1);

        foreach (var status in new[] { "trying", "ringing", "in-progress", "completed" })
        {
            await SendStatusAsync(call.ProviderCallId!, status);
        }

        (await hosts.LoadCallAsync(call.Id)).Status.ShouldBe(CallStatus.Completed);
        (await HeldByTenantAsync(tenantId)).ShouldBe(0);
    }

    [Fact]
    public async Task Tenant_at_its_concurrent_call_cap_gets_429_with_retry_after()
    {
        var (key, _, agentId) = await TenantWithAgentAsync(maxConcurrentCalls: 2);
        (await Api.SendAsync(Post("/v1/calls", CallBody(agentId), key))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Api.SendAsync(Post("/v1/calls", CallBody(agentId), key))).StatusCode.ShouldBe(HttpStatusCode.Created);

        var third = await Api.SendAsync(Post("/v1/calls", CallBody(agentId), key));

        third.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        third.Headers.RetryAfter.ShouldNotBeNull();
        (await third.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("quota_exceeded");
    }

    [Fact]
    public async Task Provider_without_capacity_is_503_the_call_fails_and_its_call_ended_frees_the_slot_and_closes_sessions()
    {
        var (key, tenantId, agentId) = await TenantWithAgentAsync(maxConcurrentCalls: 5);
        var announced = new ConcurrentQueue<Guid>();
        using var feed = hosts.Api.App.Services.GetRequiredService<ICallEndedFeed>().Subscribe(announced.Enqueue);
        hosts.Jambonz.NextStatus = 480;

        var response = await Api.SendAsync(Post("/v1/calls", CallBody(agentId), key));

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("provider_unavailable");
        (await HeldByTenantAsync(tenantId)).ShouldBe(0);
        var failed = await FailedCallOfTenantAsync(tenantId);
        failed.EndReason.ShouldBe(CallEndReasons.ProviderUnavailable);
        await Eventually.ReturnsAsync(() => Task.FromResult(announced.Contains(failed.Id)), seen => seen, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Invalid_call_request_lists_each_field()
    {
        var (key, _, _) = await TenantWithAgentAsync();

        var response = await Api.SendAsync(Post("/v1/calls", new { to = "12", from = "nope", provider = "carrier-pigeon" }, key));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name)
            .ShouldBe(["agentId", "to", "from", "provider"], ignoreOrder: true);
    }

    [Fact]
    public async Task Another_tenants_agent_cannot_be_called()
    {
        var (_, _, foreignAgent) = await TenantWithAgentAsync();
        var (key, _, _) = await TenantWithAgentAsync();

        var response = await Api.SendAsync(Post("/v1/calls", CallBody(foreignAgent), key));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Analyst_cannot_place_calls()
    {
        var (_, tenantId, agentId) = await TenantWithAgentAsync();
        var (_, analyst) = await hosts.IssueKeyAsync(tenantId, ApiKeyRole.Analyst);

        (await Api.SendAsync(Post("/v1/calls", CallBody(agentId), analyst))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Hang_up_asks_jambonz_to_complete_the_call_and_an_ended_call_is_409()
    {
        var (key, _, agentId) = await TenantWithAgentAsync(maxConcurrentCalls: 5);
        var started = await (await Api.SendAsync(Post("/v1/calls", CallBody(agentId), key))).Content.ReadFromJsonAsync<JsonElement>();
        var call = await hosts.LoadCallAsync(started.GetProperty("id").GetGuid());

        var hangup = await Api.SendAsync(Post($"/v1/calls/{call.Id}/hangup", new { }, key));

        hangup.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        hosts.Jambonz.Requests.ShouldContain(r => r.Method == "PUT" && r.CallSid == call.ProviderCallId && r.Body["call_status"]!.GetValue<string>() == "completed");
        await SendStatusAsync(call.ProviderCallId!, "in-progress");
        await SendStatusAsync(call.ProviderCallId!, "completed");
        (await Api.SendAsync(Post($"/v1/calls/{call.Id}/hangup", new { }, key))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Dtmf_is_played_into_a_call_in_progress_digit_by_digit_and_refused_before_and_after()
    {
        var (key, _, agentId) = await TenantWithAgentAsync(maxConcurrentCalls: 5);
        var (otherKey, _, _) = await TenantWithAgentAsync();
        var started = await (await Api.SendAsync(Post("/v1/calls", CallBody(agentId), key))).Content.ReadFromJsonAsync<JsonElement>();
        var call = await hosts.LoadCallAsync(started.GetProperty("id").GetGuid());

        var ringing = await Api.SendAsync(Post($"/v1/calls/{call.Id}/dtmf", new { digits = "12#" }, key));
        await SendStatusAsync(call.ProviderCallId!, "in-progress");
        var invalid = await Api.SendAsync(Post($"/v1/calls/{call.Id}/dtmf", new { digits = "12A" }, key));
        var tooMany = await Api.SendAsync(Post($"/v1/calls/{call.Id}/dtmf", new { digits = new string('1', 33) }, key));
        var foreign = await Api.SendAsync(Post($"/v1/calls/{call.Id}/dtmf", new { digits = "1" }, otherKey));
        var sent = await Api.SendAsync(Post($"/v1/calls/{call.Id}/dtmf", new { digits = "12#" }, key));

        ringing.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        tooMany.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        foreign.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        sent.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        hosts.Jambonz.Requests.Where(r => r.Method == "PUT" && r.CallSid == call.ProviderCallId && r.Body["dtmf"] != null)
            .Select(r => r.Body["dtmf"]!["digit"]!.GetValue<string>()).ShouldBe(["1", "2", "#"]);
        (await hosts.LoadCallAsync(call.Id)).Events.ShouldContain(e => e.Kind == "dtmf.sent");
    }

    [Fact]
    public async Task Transfer_needs_a_call_in_progress()
    {
        var (key, _, agentId) = await TenantWithAgentAsync(maxConcurrentCalls: 5);
        var started = await (await Api.SendAsync(Post("/v1/calls", CallBody(agentId), key))).Content.ReadFromJsonAsync<JsonElement>();
        var call = await hosts.LoadCallAsync(started.GetProperty("id").GetGuid());

        (await Api.SendAsync(Post($"/v1/calls/{call.Id}/transfer", new { to = "+14155550100", mode = "blind" }, key))).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        await SendStatusAsync(call.ProviderCallId!, "in-progress");
        var transfer = await Api.SendAsync(Post($"/v1/calls/{call.Id}/transfer", new { to = "+14155550100", mode = "attended" }, key));

        transfer.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        hosts.Jambonz.Requests.ShouldContain(r => r.CallSid == call.ProviderCallId && r.Body["call_hook"] != null);
    }

    [Fact]
    public async Task Without_a_provider_in_the_request_the_caller_ids_registered_provider_is_used()
    {
        var (key, _, agentId) = await TenantWithAgentAsync(maxConcurrentCalls: 5);
        var callerId = $"+1628{Random.Shared.Next(1_000_000, 9_999_999)}";
        (await Api.SendAsync(Post("/v1/numbers", new { number = callerId, agentId, provider = "twilio" }, key))).StatusCode.ShouldBe(HttpStatusCode.Created);

        var response = await Api.SendAsync(Post("/v1/calls", new { agentId, to = "+919800000002", from = callerId }, key));

        // The test's Twilio is a closed local port: the call goes to Twilio, which is unavailable, and is recorded as such.
        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        await using var scope = hosts.Api.App.Services.CreateAsyncScope();
        var call = await scope.ServiceProvider.GetRequiredService<InvortoDbContext>().Calls.AsNoTracking().SingleAsync(c => c.From == callerId);
        (call.Provider, call.Status).ShouldBe(("twilio", CallStatus.Failed));
    }
}
