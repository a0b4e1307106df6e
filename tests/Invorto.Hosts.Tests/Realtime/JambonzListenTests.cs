using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Invorto.Domain.Calls;
using Invorto.Realtime;
using Invorto.Testing;
using Invorto.Testing.Conversations;
using Invorto.Testing.Jambonz;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Invorto.Hosts.Tests.Realtime;

/// <summary>
/// The Jambonz listen socket in bidirectional mode (spec §5.2) with the conversation engine behind it: the caller's
/// speech is answered with L16 agent audio on the same socket, a barge-in sends <c>killAudio</c>, and a session the
/// agent ends sends <c>disconnect</c> and closes.
/// </summary>
[Collection(HostsCollection.Name)]
public sealed class JambonzListenTests(HostsFixture hosts)
{
    private RealtimeSessions Sessions => hosts.Realtime.App.Services.GetRequiredService<RealtimeSessions>();

    private JambonzSimulator Simulator() => hosts.JambonzSimulator();

    /// <summary>Places an outbound call through the Api and answers it the way Jambonz does; returns the open listen socket.</summary>
    private async Task<(VoiceClient Listen, Guid CallId, string Sid, int SampleRate, JambonzSimulator Simulator)> AnsweredCallAsync(string key, Guid agentId)
    {
        using var place = new HttpRequestMessage(HttpMethod.Post, "/v1/calls")
        {
            Content = JsonContent.Create(new { agentId, to = "+919800000003", from = "+918000000001" }),
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", key) },
        };
        using var response = await hosts.Api.Client.SendAsync(place);
        response.EnsureSuccessStatusCode();
        var callId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var created = hosts.Jambonz.Requests.Single(r => r.CreatedSid is not null && r.Body["tag"]!["invortoCallId"]!.GetValue<string>() == callId.ToString());
        var simulator = Simulator();
        var sid = created.CreatedSid!;
        var verbs = await simulator.CallHookAsync(sid, "outbound", created.Body["from"]!.GetValue<string>(), created.Body["to"]!["number"]!.GetValue<string>(), created.Body["tag"]!.AsObject(), CancellationToken.None);
        await simulator.StatusAsync(sid, "in-progress", CancellationToken.None);
        var listen = JambonzSimulator.Verb(verbs, "listen");
        var socket = await simulator.OpenListenAsync(listen, sid, CancellationToken.None);
        return (VoiceClient.Over(socket), callId, sid, listen["sampleRate"]!.GetValue<int>(), simulator);
    }

    [Fact]
    public async Task Speech_is_answered_with_agent_audio_and_a_barge_in_sends_killAudio()
    {
        var (key, tenantId, agentId) = await WebCalls.TenantWithAgentAsync(hosts, "rt-jambonz");
        var (listen, callId, sid, sampleRate, simulator) = await AnsweredCallAsync(key, agentId);
        await using (listen)
        {
            using var caller = new LiveCaller(WebCalls.AudioSink(listen), sampleRate);
            caller.Say(1600);
            await listen.UntilAsync(c => c.AudioFrames >= 25);
            caller.Say(900);
            var kill = await listen.WaitForKindAsync("killAudio");
            await listen.UntilAsync(c => c.Messages.Count(m => m.Type == WebSocketMessageType.Binary && m.Index > kill.Index) >= 10);
            await caller.DisposeAsync();

            listen.Messages.Where(m => m.Type == WebSocketMessageType.Binary).ShouldAllBe(m => m.Payload.Length == sampleRate / 50 * 2);
            listen.Messages.Where(m => m.Type == WebSocketMessageType.Text && m.Kind != "mark").Select(m => m.Kind).ShouldBe(["killAudio"], "transcripts and deltas have no place on the listen socket");
            listen.OfKind("mark").ShouldAllBe(m => m.Json.GetProperty("data").GetProperty("name").GetString()!.StartsWith("invorto-", StringComparison.Ordinal));
            (Sessions.Find(callId)?.AudioBytes ?? 0).ShouldBeGreaterThan(0);

            await listen.Socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "caller hung up", CancellationToken.None);
            (await listen.ClosedWithAsync()).ShouldBe(1000);
        }

        await simulator.StatusAsync(sid, "completed", CancellationToken.None, sipStatus: 200);
        (await hosts.LoadCallAsync(callId)).Status.ShouldBe(CallStatus.Completed);
        await Eventually.ReturnsAsync(() => Task.FromResult(Sessions.Find(callId)), session => session is null, VoiceClient.Patience);
        await Eventually.ReturnsAsync(() => WebCalls.SlotsHeldAsync(hosts, tenantId), held => held == 0, VoiceClient.Patience);
    }

    [Fact]
    public async Task A_session_the_agent_ends_sends_disconnect_and_closes_the_listen_socket()
    {
        var (key, tenantId, _) = await WebCalls.TenantWithAgentAsync(hosts, "rt-jambonz-end");
        var agentId = await WebCalls.StoredAgentAsync(hosts, tenantId, """{"prompt":"You end quiet calls.","firstMessage":"Hello?","endCall":{"silenceHangupSec":1}}""");
        var (listen, callId, _, sampleRate, _) = await AnsweredCallAsync(key, agentId);
        await using (listen)
        {
            using var caller = new LiveCaller(WebCalls.AudioSink(listen), sampleRate);

            // Jambonz reports each mark when its playback reaches it; the goodbye's report lets the session end.
            var greeting = await listen.WaitForKindAsync("mark");
            await listen.SendTextAsync(PlayoutReport(greeting));
            var goodbye = await listen.WaitForKindAsync("mark", after: greeting.Index);
            await listen.SendTextAsync(PlayoutReport(goodbye));
            var disconnect = await listen.WaitForKindAsync("disconnect");
            (await listen.ClosedWithAsync()).ShouldBe(1000);
            await caller.DisposeAsync();

            listen.Messages.Count(m => m.Type == WebSocketMessageType.Binary && m.Index < greeting.Index).ShouldBeGreaterThan(0, "the greeting was spoken before its mark");
            listen.Messages.Count(m => m.Type == WebSocketMessageType.Binary && m.Index > greeting.Index && m.Index < goodbye.Index).ShouldBeGreaterThan(0, "the goodbye was spoken before its mark");
            listen.Messages.Count(m => m.Type == WebSocketMessageType.Binary && m.Index > goodbye.Index).ShouldBe(0);
            disconnect.Index.ShouldBeGreaterThan(goodbye.Index);
        }

        await Eventually.ReturnsAsync(() => Task.FromResult(Sessions.Find(callId)), session => session is null, VoiceClient.Patience);
    }

    private static string PlayoutReport(ReceivedMessage mark) =>
        JsonSerializer.Serialize(new { type = "mark", data = new { name = mark.Json.GetProperty("data").GetProperty("name").GetString(), @event = "playout" } });

    [Fact]
    public async Task A_call_that_ends_at_the_provider_disconnects_its_live_listen_socket()
    {
        var (key, tenantId, agentId) = await WebCalls.TenantWithAgentAsync(hosts, "rt-jambonz-status");
        var (listen, callId, sid, sampleRate, simulator) = await AnsweredCallAsync(key, agentId);
        await using (listen)
        {
            using var caller = new LiveCaller(WebCalls.AudioSink(listen), sampleRate);
            caller.Say(1200);
            await listen.UntilAsync(c => c.AudioFrames >= 5);

            await simulator.StatusAsync(sid, "completed", CancellationToken.None, sipStatus: 200);

            await listen.WaitForKindAsync("disconnect");
            (await listen.ClosedWithAsync()).ShouldBe(1000);
            await caller.DisposeAsync();
        }

        (await hosts.LoadCallAsync(callId)).Status.ShouldBe(CallStatus.Completed);
        await Eventually.ReturnsAsync(() => Task.FromResult(Sessions.Find(callId)), session => session is null, VoiceClient.Patience);
        await Eventually.ReturnsAsync(() => WebCalls.SlotsHeldAsync(hosts, tenantId), held => held == 0, VoiceClient.Patience);
    }
}
