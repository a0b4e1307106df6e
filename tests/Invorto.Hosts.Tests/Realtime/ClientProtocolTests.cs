using System.Net.WebSockets;
using Invorto.Application.Conversations;
using Invorto.Domain.Calls;
using Invorto.Infrastructure.Persistence;
using Invorto.Infrastructure.Realtime;
using Invorto.Realtime;
using Invorto.Testing;
using Invorto.Testing.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Invorto.Hosts.Tests.Realtime;

/// <summary>The client protocol of spec §5.1 over the Realtime host's sockets, with caller audio streamed in real time and the fake providers.</summary>
[Collection(HostsCollection.Name)]
public sealed class ClientProtocolTests(HostsFixture hosts)
{
    private RealtimeSessions Sessions => hosts.Realtime.App.Services.GetRequiredService<RealtimeSessions>();

    [Fact]
    public async Task Tenant_key_session_streams_transcripts_text_and_audio_then_ends_completed_with_its_slot_released()
    {
        var (key, tenantId, agentId) = await WebCalls.TenantWithAgentAsync(hosts, "rt-happy");
        await using var client = await VoiceClient.ConnectAsync(hosts.Realtime, "/realtime/voice", c => c.SubProtocols.Add(key));
        client.Socket.SubProtocol.ShouldBe(key);

        await client.SendTextAsync(WebCalls.Start(agentId, "c_happy"));
        var ready = (await client.WaitForKindAsync("ready")).Json;
        var callId = ready.GetProperty("callId").GetGuid();
        ready.GetProperty("sampleRate").GetInt32().ShouldBe(16000);
        var stored = await hosts.LoadCallAsync(callId);
        (stored.Direction, stored.Status, stored.ExternalRef, stored.AgentId).ShouldBe((CallDirection.Web, CallStatus.InProgress, "c_happy", agentId));
        (await WebCalls.SlotsHeldAsync(hosts, tenantId)).ShouldBe(1);

        using (var caller = new LiveCaller(WebCalls.AudioSink(client)))
        {
            caller.Say(1600);
            await client.UntilAsync(c => c.Messages.Count(m => m.Type == WebSocketMessageType.Binary) >= 10);
            await caller.DisposeAsync();
        }

        var final = client.OfKind("stt.final").First();
        final.Json.GetProperty("text").GetString().ShouldBe("I would like to know about your pricing");
        final.Json.GetProperty("confidence").GetDouble().ShouldBe(0.92);
        var firstPartial = client.OfKind("stt.partial").First();
        var firstDelta = client.OfKind("llm.delta").First();
        var firstAudio = client.Messages.First(m => m.Type == WebSocketMessageType.Binary);
        firstPartial.Index.ShouldBeLessThan(final.Index);
        final.Index.ShouldBeLessThan(firstDelta.Index);
        final.Index.ShouldBeLessThan(firstAudio.Index);
        firstAudio.Payload.Length.ShouldBe(640, "20 ms of 16 kHz PCM16");
        client.OfKind("emotion.window").ShouldNotBeEmpty();
        client.OfKind("error").ShouldBeEmpty();

        await client.SendTextAsync("""{"t":"end"}""");
        (await client.ClosedWithAsync()).ShouldBe(1000);
        var end = client.OfKind("end").ShouldHaveSingleItem().Json;
        end.GetProperty("reason").GetString().ShouldBe("client");

        var completed = await Eventually.ReturnsAsync(() => hosts.LoadCallAsync(callId), call => call.Status.IsTerminal(), VoiceClient.Patience);
        completed.Status.ShouldBe(CallStatus.Completed);
        await Eventually.ReturnsAsync(() => WebCalls.SlotsHeldAsync(hosts, tenantId), held => held == 0, VoiceClient.Patience);
        await Eventually.ReturnsAsync(() => Task.FromResult(Sessions.Find(callId)), session => session is null, VoiceClient.Patience);
    }

    [Fact]
    public async Task Bearer_header_starts_a_call_and_a_browser_token_attaches_to_an_existing_one()
    {
        var (key, tenantId, agentId) = await WebCalls.TenantWithAgentAsync(hosts, "rt-bearer");

        Guid bearerCall;
        await using (var bearer = await VoiceClient.ConnectAsync(hosts.Realtime, "/v1/realtime/voice", c => c.ConfigureRequest = r => r.Headers.Authorization = $"Bearer {key}"))
        {
            bearer.Socket.SubProtocol.ShouldBeNull();
            await bearer.SendTextAsync(WebCalls.Start(agentId));
            bearerCall = (await bearer.WaitForKindAsync("ready")).Json.GetProperty("callId").GetGuid();
            await bearer.SendTextAsync("""{"t":"end"}""");
            (await bearer.ClosedWithAsync()).ShouldBe(1000);
        }

        Guid existing;
        await using (var scope = hosts.Realtime.App.Services.CreateAsyncScope())
        {
            var credential = RealtimeCredential.ForTenantKey(tenantId, Guid.NewGuid(), Invorto.Domain.Tenants.ApiKeyRole.Dev);
            existing = (await scope.ServiceProvider.GetRequiredService<OpenWebSessionHandler>()
                .HandleAsync(new OpenWebSessionCommand(credential, "c_token", agentId.ToString(), null, 16000), CancellationToken.None)).Value!.CallId;
        }

        var token = hosts.Realtime.App.Services.GetRequiredService<RealtimeTokenIssuer>().Mint(tenantId, existing).Value;
        await using var browser = await VoiceClient.ConnectAsync(hosts.Realtime, $"/realtime/voice?token={Uri.EscapeDataString(token)}");
        await browser.SendTextAsync("""{"t":"start"}""");
        var attached = (await browser.WaitForKindAsync("ready")).Json.GetProperty("callId").GetGuid();
        await browser.SendTextAsync("""{"t":"end"}""");
        (await browser.ClosedWithAsync()).ShouldBe(1000);

        attached.ShouldBe(existing);
        bearerCall.ShouldNotBe(existing);
        (await Eventually.ReturnsAsync(() => hosts.LoadCallAsync(bearerCall), call => call.Status.IsTerminal(), VoiceClient.Patience)).Status.ShouldBe(CallStatus.Completed);
        (await Eventually.ReturnsAsync(() => hosts.LoadCallAsync(existing), call => call.Status.IsTerminal(), VoiceClient.Patience)).Status.ShouldBe(CallStatus.Completed);
        await Eventually.ReturnsAsync(() => WebCalls.SlotsHeldAsync(hosts, tenantId), held => held == 0, VoiceClient.Patience);
    }

    [Fact]
    public async Task Operations_key_starts_the_canary_agent_which_speaks_first_and_stores_nothing()
    {
        await using var client = await VoiceClient.ConnectAsync(hosts.Realtime, "/realtime/voice", c => c.SubProtocols.Add(HostsFixture.RealtimeOperationsKey));
        client.Socket.SubProtocol.ShouldBe(HostsFixture.RealtimeOperationsKey);

        await client.SendTextAsync("""{"t":"start","agentId":"canary-agent"}""");
        var ready = (await client.WaitForKindAsync("ready")).Json;
        var callId = ready.GetProperty("callId").GetGuid();
        await client.UntilAsync(c => c.Messages.Any(m => m.Type == WebSocketMessageType.Binary));
        await client.SendTextAsync("""{"t":"end"}""");
        (await client.ClosedWithAsync()).ShouldBe(1000);

        ready.GetProperty("sampleRate").GetInt32().ShouldBe(16000);
        await Eventually.ReturnsAsync(() => Task.FromResult(Sessions.Find(callId)), session => session is null, VoiceClient.Patience);
        await using var scope = hosts.Api.App.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<InvortoDbContext>().Calls.AnyAsync(c => c.Id == callId)).ShouldBeFalse();
    }

    [Fact]
    public async Task Speaking_over_the_agent_sends_bargein_stops_its_audio_and_a_new_answer_follows()
    {
        var (key, _, agentId) = await WebCalls.TenantWithAgentAsync(hosts, "rt-bargein");
        await using var client = await VoiceClient.ConnectAsync(hosts.Realtime, "/realtime/voice", c => c.SubProtocols.Add(key));
        await client.SendTextAsync(WebCalls.Start(agentId));
        await client.WaitForKindAsync("ready");
        using var caller = new LiveCaller(WebCalls.AudioSink(client));

        caller.Say(1600);
        await client.UntilAsync(c => c.AudioFrames >= 25);
        caller.Say(900);
        var bargein = await client.WaitForKindAsync("control.bargein");
        var secondFinal = await client.WaitForKindAsync("stt.final", after: bargein.Index);
        var answer = await client.WaitForKindAsync("llm.delta", after: secondFinal.Index);
        await client.UntilAsync(c => c.Messages.Count(m => m.Type == WebSocketMessageType.Binary && m.Index > answer.Index) >= 10);
        await caller.DisposeAsync();

        bargein.Json.GetProperty("action").GetString().ShouldBe("stop-tts");
        var stale = client.Messages.Count(m => m.Type == WebSocketMessageType.Binary && m.Index > bargein.Index && m.Index < secondFinal.Index);
        stale.ShouldBeLessThanOrEqualTo(2, "agent audio stops within a couple of frames of the barge-in");
        client.OfKind("stt.final").Select(m => m.Json.GetProperty("text").GetString()).Take(2)
            .ShouldBe(["I would like to know about your pricing", "Can you tell me more"], "the fake recognizer hears a word per 180 ms of speech");
    }
}
