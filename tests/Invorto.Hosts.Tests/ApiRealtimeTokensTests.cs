using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Invorto.Domain.Agents;
using Invorto.Domain.Calls;
using Invorto.Domain.Tenants;
using Invorto.Infrastructure.Persistence;
using Invorto.Infrastructure.Realtime;
using Microsoft.Extensions.DependencyInjection;

namespace Invorto.Hosts.Tests;

/// <summary><c>POST /v1/realtime/tokens</c>: browser tokens for live calls of the caller's tenant.</summary>
[Collection(HostsCollection.Name)]
public sealed class ApiRealtimeTokensTests(HostsFixture hosts)
{
    private async Task<(string Key, Call Call)> TenantWithWebCallAsync(bool ended = false)
    {
        var tenant = await hosts.CreateTenantAsync("rt-tokens");
        await using var scope = hosts.Api.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InvortoDbContext>();
        var agent = Agent.Create(Guid.CreateVersion7(), tenant.TenantId, "Web", """{"prompt":"p"}""", DateTimeOffset.UtcNow);
        var call = Call.StartWeb(Guid.CreateVersion7(), tenant.TenantId, agent.Id, 1, "browser-1", DateTimeOffset.UtcNow);
        if (ended)
        {
            call.ApplyStatus(CallStatus.Completed, DateTimeOffset.UtcNow, "hangup");
        }

        db.AddRange(agent, call);
        await db.SaveChangesAsync();
        return (tenant.ApiKey, call);
    }

    private Task<HttpResponseMessage> PostAsync(string key, object body) =>
        hosts.Api.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/v1/realtime/tokens")
        {
            Content = JsonContent.Create(body),
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", key) },
        });

    [Fact]
    public async Task Live_call_gets_a_token_the_realtime_host_accepts()
    {
        var (key, call) = await TenantWithWebCallAsync();

        var response = await PostAsync(key, new { callId = call.Id });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var token = body.GetProperty("token").GetString()!;
        body.GetProperty("url").GetString().ShouldBe($"wss://rt.example.com/realtime/voice?token={Uri.EscapeDataString(token)}");
        var expiresAt = body.GetProperty("expiresAt").GetDateTimeOffset();
        expiresAt.ShouldBeInRange(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddMinutes(15));
        var claims = await hosts.Realtime.App.Services.GetRequiredService<RealtimeTokenValidator>().ValidateAsync(token);
        claims.ShouldNotBeNull();
        (claims.TenantId, claims.CallId, claims.ExpiresAt).ShouldBe((call.TenantId, call.Id, expiresAt));
    }

    [Fact]
    public async Task Ended_or_foreign_call_is_404()
    {
        var (key, ended) = await TenantWithWebCallAsync(ended: true);
        var (_, foreign) = await TenantWithWebCallAsync();

        (await PostAsync(key, new { callId = ended.Id })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await PostAsync(key, new { callId = foreign.Id })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await PostAsync(key, new { callId = Guid.NewGuid() })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Missing_call_id_is_400()
    {
        var (key, _) = await TenantWithWebCallAsync();

        var response = await PostAsync(key, new { });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("bad_request");
    }

    [Fact]
    public async Task Read_only_key_is_403_and_no_key_is_401()
    {
        var (_, call) = await TenantWithWebCallAsync();
        var (_, analystKey) = await hosts.IssueKeyAsync(call.TenantId, ApiKeyRole.Analyst);

        (await PostAsync(analystKey, new { callId = call.Id })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await hosts.Api.Client.PostAsJsonAsync("/v1/realtime/tokens", new { callId = call.Id })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
