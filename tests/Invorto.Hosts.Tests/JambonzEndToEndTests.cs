using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Invorto.Application.Abstractions;
using Invorto.Application.Conversations;
using Invorto.Domain.Calls;
using Invorto.Domain.Concurrency;
using Invorto.Infrastructure.Persistence;
using Invorto.Realtime;
using Invorto.Testing;
using Invorto.Testing.Jambonz;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Invorto.Hosts.Tests;

/// <summary>An outbound call end to end: Api → Jambonz REST → call_hook → listen socket with audio → status callbacks → completed, slot released.</summary>
[Collection(HostsCollection.Name)]
public sealed class JambonzEndToEndTests(HostsFixture hosts)
{
    private JambonzSimulator Simulator() => hosts.JambonzSimulator();

    private async Task<(string Key, Guid TenantId, Guid AgentId)> TenantWithAgentAsync()
    {
        var tenant = await hosts.CreateTenantAsync("e2e");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/agents")
        {
            Content = JsonContent.Create(new { name = "E2E", config = new { prompt = "You are a test agent.", consentPrompt = "This call may be recorded." } }),
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", tenant.ApiKey) },
        };
        var agent = await (await hosts.Api.Client.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();
        await using var scope = hosts.Api.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InvortoDbContext>();
        (await db.Tenants.SingleAsync(t => t.Id == tenant.TenantId)).ChangeLimits(null, 10);
        await db.SaveChangesAsync();
        return (tenant.ApiKey, tenant.TenantId, agent.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Outbound_call_streams_audio_and_reaches_completed_with_its_slot_released()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var ct = timeout.Token;
        var (key, tenantId, agentId) = await TenantWithAgentAsync();
        using var place = new HttpRequestMessage(HttpMethod.Post, "/v1/calls")
        {
            Content = JsonContent.Create(new { agentId, to = "+919800000002", from = "+918000000001" }),
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", key) },
        };
        var started = await (await hosts.Api.Client.SendAsync(place, ct)).Content.ReadFromJsonAsync<JsonElement>(ct);
        var callId = started.GetProperty("id").GetGuid();
        var created = hosts.Jambonz.Requests.Single(r => r.CreatedSid is not null && r.Body["tag"]!["invortoCallId"]!.GetValue<string>() == callId.ToString());
        var sid = created.CreatedSid!;
        var simulator = Simulator();

        await simulator.StatusAsync(sid, "trying", ct);
        await simulator.StatusAsync(sid, "ringing", ct);
        var verbs = await simulator.CallHookAsync(sid, "outbound", created.Body["from"]!.GetValue<string>(), created.Body["to"]!["number"]!.GetValue<string>(), created.Body["tag"]!.AsObject(), ct);
        await simulator.StatusAsync(sid, "in-progress", ct);
        using var socket = await simulator.OpenListenAsync(JambonzSimulator.Verb(verbs, "listen"), sid, ct);
        var sent = await JambonzSimulator.StreamWavAsync(socket, Wav.Tone(seconds: 1.0), ct);
        var sessions = hosts.Realtime.App.Services.GetRequiredService<RealtimeSessions>();
        var received = await Eventually.ReturnsAsync(() => Task.FromResult(sessions.Find(callId)?.AudioBytes ?? 0), bytes => bytes == sent, TimeSpan.FromSeconds(10));
        var heartbeat = hosts.Api.App.Services.GetRequiredService<ISessionHeartbeat>();
        var beat = await heartbeat.FindAsync(callId, ct);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "caller hung up", ct);
        await simulator.StatusAsync(sid, "completed", ct, sipStatus: 200);

        received.ShouldBe(32_000);
        socket.CloseStatus.ShouldBe(WebSocketCloseStatus.NormalClosure);
        var call = await hosts.LoadCallAsync(callId);
        call.Status.ShouldBe(CallStatus.Completed);
        call.AnsweredAt.ShouldNotBeNull();
        var held = await hosts.Api.App.Services.GetRequiredService<IConcurrencyLimiter>().CountAsync(ConcurrencyScope.ForTenant(tenantId, int.MaxValue), ct);
        held.ShouldBe(0);
        await Eventually.ReturnsAsync(() => Task.FromResult(sessions.Find(callId)), session => session is null, TimeSpan.FromSeconds(5));
        beat.ShouldNotBeNull("the open listen socket keeps a session heartbeat that every service can read");
        beat.Transport.ShouldBe("jambonz");
        beat.TenantId.ShouldBe(tenantId);
        await Eventually.ReturnsAsync(() => heartbeat.FindAsync(callId, ct), found => found is null, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Listen_socket_with_a_forged_token_is_closed_with_4401()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var listen = new JsonObject
        {
            ["url"] = "wss://rt.example.com/realtime/jambonz",
            ["sampleRate"] = 16000,
            ["metadata"] = new JsonObject
            {
                ["invortoCallId"] = Guid.NewGuid().ToString(),
                ["tenantId"] = Guid.NewGuid().ToString(),
                ["agentId"] = Guid.NewGuid().ToString(),
                ["token"] = "forged.token",
            },
        };

        using var socket = await Simulator().OpenListenAsync(listen, "sid-forged", timeout.Token);
        var buffer = new byte[1024];
        var result = await socket.ReceiveAsync(buffer, timeout.Token);

        result.MessageType.ShouldBe(WebSocketMessageType.Close);
        ((int)socket.CloseStatus!).ShouldBe(4401);
    }

    [Fact]
    public async Task Listen_socket_that_starts_with_audio_instead_of_metadata_is_closed_with_4400()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var client = hosts.Realtime.App.GetTestServer().CreateWebSocketClient();
        using var socket = await client.ConnectAsync(new Uri("ws://localhost/realtime/jambonz"), timeout.Token);

        await socket.SendAsync(new byte[640], WebSocketMessageType.Binary, true, timeout.Token);
        var result = await socket.ReceiveAsync(new byte[256], timeout.Token);

        result.MessageType.ShouldBe(WebSocketMessageType.Close);
        ((int)socket.CloseStatus!).ShouldBe(4400);
        Encoding.UTF8.GetByteCount(socket.CloseStatusDescription ?? string.Empty).ShouldBeGreaterThan(0);
        hosts.Realtime.Client.BaseAddress.ShouldNotBeNull();
        (await hosts.Realtime.Client.GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Inbound_call_to_a_routed_number_reaches_its_agent_and_completes_with_its_slot_released()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var ct = timeout.Token;
        var (key, tenantId, agentId) = await TenantWithAgentAsync();
        var number = $"+1415{Random.Shared.Next(1_000_000, 9_999_999)}";
        using (var route = new HttpRequestMessage(HttpMethod.Post, "/v1/numbers")
        {
            Content = JsonContent.Create(new { number, agentId, provider = "jambonz" }),
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", key) },
        })
        {
            (await hosts.Api.Client.SendAsync(route, ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var sid = $"sid-in-{Guid.NewGuid():N}";
        var simulator = Simulator();

        var verbs = await simulator.CallHookAsync(sid, "inbound", "+919812345678", number, customerData: null, ct);
        var listen = JambonzSimulator.Verb(verbs, "listen");
        var callId = Guid.Parse(listen["metadata"]!["invortoCallId"]!.GetValue<string>());
        await simulator.StatusAsync(sid, "in-progress", ct);
        using var socket = await simulator.OpenListenAsync(listen, sid, ct);
        var sent = await JambonzSimulator.StreamWavAsync(socket, Wav.Tone(seconds: 0.5), ct);
        var sessions = hosts.Realtime.App.Services.GetRequiredService<RealtimeSessions>();
        await Eventually.ReturnsAsync(() => Task.FromResult(sessions.Find(callId)?.AudioBytes ?? 0), bytes => bytes == sent, TimeSpan.FromSeconds(10));
        var held = await hosts.Api.App.Services.GetRequiredService<IConcurrencyLimiter>().CountAsync(ConcurrencyScope.ForTenant(tenantId, int.MaxValue), ct);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "caller hung up", ct);
        await simulator.StatusAsync(sid, "completed", ct, sipStatus: 200);

        held.ShouldBe(1);
        var call = await hosts.LoadCallAsync(callId);
        (call.Direction, call.Status, call.To, call.From, call.AgentId).ShouldBe((CallDirection.Inbound, CallStatus.Completed, number, "+919812345678", agentId));
        (await hosts.Api.App.Services.GetRequiredService<IConcurrencyLimiter>().CountAsync(ConcurrencyScope.ForTenant(tenantId, int.MaxValue), ct)).ShouldBe(0);
    }

    [Fact]
    public async Task Inbound_call_to_an_unrouted_number_hears_not_in_service()
    {
        var verbs = await Simulator().CallHookAsync($"sid-{Guid.NewGuid():N}", "inbound", "+919812345678", "+14150000001", customerData: null, CancellationToken.None);

        verbs.Select(v => v!["verb"]!.GetValue<string>()).ShouldBe(["say", "hangup"]);
        verbs[0]!["text"]!.GetValue<string>().ShouldContain("not in service");
    }

    [Fact]
    public async Task Listen_socket_with_a_valid_token_for_a_call_we_do_not_have_is_closed_with_4404()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var (callId, tenantId, agentId) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var token = hosts.Realtime.App.Services.GetRequiredService<Invorto.Infrastructure.Realtime.ListenToken>().Mint(callId, tenantId, agentId);
        var listen = new JsonObject
        {
            ["url"] = "wss://rt.example.com/realtime/jambonz",
            ["sampleRate"] = 16000,
            ["metadata"] = new JsonObject { ["invortoCallId"] = callId.ToString(), ["tenantId"] = tenantId.ToString(), ["agentId"] = agentId.ToString(), ["token"] = token },
        };

        using var socket = await Simulator().OpenListenAsync(listen, "sid-unknown", timeout.Token);
        var result = await socket.ReceiveAsync(new byte[256], timeout.Token);

        result.MessageType.ShouldBe(WebSocketMessageType.Close);
        ((int)socket.CloseStatus!).ShouldBe(4404);
    }
}
