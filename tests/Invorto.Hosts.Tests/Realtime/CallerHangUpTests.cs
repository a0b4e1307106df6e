using Invorto.Domain.Calls;
using Invorto.Infrastructure.Conversations.Scripted;
using Invorto.Realtime;
using Invorto.Testing;
using Invorto.Testing.Conversations;
using Microsoft.Extensions.DependencyInjection;

namespace Invorto.Hosts.Tests.Realtime;

/// <summary>
/// A caller who drops the connection while the agent speaks, over a real TCP WebSocket (a Realtime host on Kestrel
/// beside the shared hosts, on their database and Redis): the session, its provider streams, the call and its slot all end.
/// </summary>
[Collection(HostsCollection.Name)]
public sealed class CallerHangUpTests(HostsFixture hosts) : IAsyncLifetime
{
    private KestrelRealtimeHost _realtime = null!;

    private RealtimeSessions Sessions => _realtime.App.Services.GetRequiredService<RealtimeSessions>();

    private ScriptedProviderCounters Providers => _realtime.App.Services.GetRequiredService<ScriptedProviderCounters>();

    public async Task InitializeAsync() =>
        _realtime = await KestrelRealtimeHost.StartAsync(new Dictionary<string, string?>(hosts.Environment) { ["MIGRATE_ON_START"] = "false" });

    public async Task DisposeAsync() => await _realtime.DisposeAsync();

    [Fact]
    public async Task Dropping_the_connection_while_the_agent_speaks_ends_the_session_the_providers_and_the_call()
    {
        var (key, tenantId, agentId) = await WebCalls.TenantWithAgentAsync(hosts, "rt-hangup");
        await using var client = await VoiceClient.ConnectAsync(_realtime.WebSocketUri("/realtime/voice"), o => o.AddSubProtocol(key));
        await client.SendTextAsync(WebCalls.Start(agentId));
        var callId = (await client.WaitForKindAsync("ready")).Json.GetProperty("callId").GetGuid();
        using (var caller = new LiveCaller(WebCalls.AudioSink(client)))
        {
            caller.Say(1200);
            await client.UntilAsync(c => c.AudioFrames >= 10);
            Sessions.Find(callId).ShouldNotBeNull();
            client.Socket.Abort();
            await caller.DisposeAsync();
        }

        await Eventually.ReturnsAsync(() => Task.FromResult(Sessions.Count), count => count == 0, VoiceClient.Patience);
        await Eventually.ReturnsAsync(() => Task.FromResult(Providers.Open), open => open == 0, VoiceClient.Patience);
        var ended = await Eventually.ReturnsAsync(() => hosts.LoadCallAsync(callId), call => call.Status.IsTerminal(), VoiceClient.Patience);
        ended.Status.ShouldBe(CallStatus.Completed);
        await Eventually.ReturnsAsync(() => WebCalls.SlotsHeldAsync(hosts, tenantId), held => held == 0, VoiceClient.Patience);
        (await _realtime.Client.GetAsync("/health")).IsSuccessStatusCode.ShouldBeTrue();
    }

    [Fact]
    public async Task A_close_the_client_starts_is_answered_with_1000()
    {
        var (key, tenantId, agentId) = await WebCalls.TenantWithAgentAsync(hosts, "rt-clientclose");
        await using var client = await VoiceClient.ConnectAsync(_realtime.WebSocketUri("/realtime/voice"), o => o.AddSubProtocol(key));
        await client.SendTextAsync(WebCalls.Start(agentId));
        var callId = (await client.WaitForKindAsync("ready")).Json.GetProperty("callId").GetGuid();

        await client.Socket.CloseOutputAsync(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);

        (await client.ClosedWithAsync()).ShouldBe(1000);
        (await Eventually.ReturnsAsync(() => hosts.LoadCallAsync(callId), call => call.Status.IsTerminal(), VoiceClient.Patience)).Status.ShouldBe(CallStatus.Completed);
        await Eventually.ReturnsAsync(() => WebCalls.SlotsHeldAsync(hosts, tenantId), held => held == 0, VoiceClient.Patience);
    }
}
