using System.Net.WebSockets;
using System.Text.Json;
using Invorto.Application.Audio;
using Invorto.Domain.Calls;
using Invorto.Infrastructure.Persistence;
using Invorto.Infrastructure.Realtime;
using Invorto.Realtime;
using Invorto.Testing;
using Invorto.Testing.Conversations;
using Microsoft.Extensions.DependencyInjection;

namespace Invorto.Hosts.Tests.Realtime;

/// <summary>
/// A Twilio media stream (spec §5.3) from a fake Twilio: <c>connected</c>, <c>start</c> with our custom parameters,
/// base64 μ-law 8 kHz <c>media</c> in; <c>media</c> back at 160 bytes per 20 ms, <c>clear</c> on barge-in, <c>stop</c> ends it.
/// </summary>
[Collection(HostsCollection.Name)]
public sealed class TwilioMediaTests(HostsFixture hosts)
{
    private const string StreamSid = "MZ00000000000000000000000000000001";

    private RealtimeSessions Sessions => hosts.Realtime.App.Services.GetRequiredService<RealtimeSessions>();

    private async Task<(Guid CallId, Guid TenantId, Guid AgentId)> TwilioCallAsync()
    {
        var (_, tenantId, agentId) = await WebCalls.TenantWithAgentAsync(hosts, "rt-twilio");
        await using var scope = hosts.Api.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InvortoDbContext>();
        var call = Call.PlaceOutbound(Guid.CreateVersion7(), tenantId, agentId, 1, "+14155550100", "+14155550101", "twilio", null, DateTimeOffset.UtcNow);
        db.Add(call);
        await db.SaveChangesAsync();
        return (call.Id, tenantId, agentId);
    }

    private static string Start(Guid callId, Guid tenantId, Guid agentId, string token) => JsonSerializer.Serialize(new
    {
        @event = "start",
        sequenceNumber = "1",
        streamSid = StreamSid,
        start = new
        {
            streamSid = StreamSid,
            accountSid = "AC00000000000000000000000000000000",
            callSid = "CA00000000000000000000000000000001",
            tracks = new[] { "inbound" },
            mediaFormat = new { encoding = "audio/x-mulaw", sampleRate = 8000, channels = 1 },
            customParameters = new { invortoCallId = callId.ToString(), tenantId = tenantId.ToString(), agentId = agentId.ToString(), token },
        },
    });

    /// <summary>Sends a LiveCaller's 8 kHz PCM frames as Twilio does: μ-law, base64, one <c>media</c> message per 20 ms.</summary>
    private static Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> MediaSink(VoiceClient twilio)
    {
        var send = WebCalls.AudioSink(twilio, WebSocketMessageType.Text);
        var chunk = 0;
        return (frame, ct) =>
        {
            var ulaw = new byte[frame.Length / 2];
            MuLaw.Encode(frame.Span, ulaw);
            chunk++;
            var payload = new { track = "inbound", chunk = chunk.ToString(System.Globalization.CultureInfo.InvariantCulture), payload = Convert.ToBase64String(ulaw) };
            return send(JsonSerializer.SerializeToUtf8Bytes(new { @event = "media", streamSid = StreamSid, media = payload }), ct);
        };
    }

    [Fact]
    public async Task Speech_is_answered_with_mulaw_media_a_barge_in_sends_clear_and_stop_ends_the_stream()
    {
        var (callId, tenantId, agentId) = await TwilioCallAsync();
        var token = hosts.Realtime.App.Services.GetRequiredService<ListenToken>().Mint(callId, tenantId, agentId);
        await using var twilio = await VoiceClient.ConnectAsync(hosts.Realtime, "/realtime/twilio");
        await twilio.SendTextAsync("""{"event":"connected","protocol":"Call","version":"1.0.0"}""");
        await twilio.SendTextAsync(Start(callId, tenantId, agentId, token));
        using var caller = new LiveCaller(MediaSink(twilio), sampleRate: 8000);

        caller.Say(1600);
        await twilio.UntilAsync(c => c.OfKind("media").Count() >= 25);
        caller.Say(900);
        var clear = await twilio.WaitForKindAsync("clear");
        await twilio.UntilAsync(c => c.OfKind("media").Count(m => m.Index > clear.Index) >= 10);
        await caller.DisposeAsync();
        (Sessions.Find(callId)?.AudioBytes ?? 0).ShouldBeGreaterThan(8000, "a second and more of 8 kHz μ-law arrived");
        await twilio.SendTextAsync($$$"""{"event":"stop","sequenceNumber":"999","streamSid":"{{{StreamSid}}}","stop":{"callSid":"CA00000000000000000000000000000001"}}""");

        (await twilio.ClosedWithAsync()).ShouldBe(1000);
        var media = twilio.OfKind("media").Select(m => m.Json).ToList();
        media.ShouldAllBe(m => m.GetProperty("streamSid").GetString() == StreamSid);
        media.ShouldAllBe(m => Convert.FromBase64String(m.GetProperty("media").GetProperty("payload").GetString()!).Length == 160);
        twilio.OfKind("mark").ShouldAllBe(m => m.Json.GetProperty("streamSid").GetString() == StreamSid && m.Json.GetProperty("mark").GetProperty("name").GetString()!.StartsWith("invorto-", StringComparison.Ordinal));
        clear.Json.GetProperty("streamSid").GetString().ShouldBe(StreamSid);
        await Eventually.ReturnsAsync(() => Task.FromResult(Sessions.Find(callId)), session => session is null, VoiceClient.Patience);
    }

    [Fact]
    public async Task A_media_message_far_longer_than_20_ms_is_decoded_whole_and_an_unknown_mark_is_ignored()
    {
        var (callId, tenantId, agentId) = await TwilioCallAsync();
        var token = hosts.Realtime.App.Services.GetRequiredService<ListenToken>().Mint(callId, tenantId, agentId);
        await using var twilio = await VoiceClient.ConnectAsync(hosts.Realtime, "/realtime/twilio");
        await twilio.SendTextAsync(Start(callId, tenantId, agentId, token));
        await Eventually.ReturnsAsync(() => Task.FromResult(Sessions.Find(callId)), session => session is not null, VoiceClient.Patience);

        var twoSeconds = Convert.ToBase64String(Enumerable.Repeat((byte)0xFF, 16_000).ToArray());
        await twilio.SendTextAsync($$$"""{"event":"media","streamSid":"{{{StreamSid}}}","media":{"payload":"{{{twoSeconds}}}"}}""");
        await Eventually.ReturnsAsync(() => Task.FromResult(Sessions.Find(callId)?.AudioBytes ?? 0), bytes => bytes >= 16_000, VoiceClient.Patience);
        await twilio.SendTextAsync($$$"""{"event":"mark","streamSid":"{{{StreamSid}}}","mark":{"name":"not-one-of-ours"}}""");
        await twilio.SendTextAsync($$$"""{"event":"stop","sequenceNumber":"2","streamSid":"{{{StreamSid}}}","stop":{"callSid":"CA00000000000000000000000000000001"}}""");

        (await twilio.ClosedWithAsync()).ShouldBe(1000);
    }

    [Fact]
    public async Task Start_with_a_forged_token_is_closed_with_4401()
    {
        var (callId, tenantId, agentId) = await TwilioCallAsync();
        var otherCallsToken = hosts.Realtime.App.Services.GetRequiredService<ListenToken>().Mint(Guid.NewGuid(), tenantId, agentId);
        await using var forged = await VoiceClient.ConnectAsync(hosts.Realtime, "/realtime/twilio");
        await using var borrowed = await VoiceClient.ConnectAsync(hosts.Realtime, "/realtime/twilio");

        await forged.SendTextAsync(Start(callId, tenantId, agentId, "forged.token"));
        await borrowed.SendTextAsync(Start(callId, tenantId, agentId, otherCallsToken));

        (await forged.ClosedWithAsync()).ShouldBe(4401);
        (await borrowed.ClosedWithAsync()).ShouldBe(4401);
        Sessions.Find(callId).ShouldBeNull();
    }

    [Fact]
    public async Task Media_before_start_is_closed_with_4400()
    {
        await using var twilio = await VoiceClient.ConnectAsync(hosts.Realtime, "/realtime/twilio");

        await twilio.SendTextAsync($$$"""{"event":"media","streamSid":"{{{StreamSid}}}","media":{"payload":"//8="}}""");

        (await twilio.ClosedWithAsync()).ShouldBe(4400);
    }

    [Fact]
    public async Task Dtmf_outside_the_keypad_is_dropped_and_only_keypad_digits_reach_the_timeline()
    {
        var (callId, tenantId, agentId) = await TwilioCallAsync();
        var token = hosts.Realtime.App.Services.GetRequiredService<ListenToken>().Mint(callId, tenantId, agentId);
        await using var twilio = await VoiceClient.ConnectAsync(hosts.Realtime, "/realtime/twilio");
        await twilio.SendTextAsync(Start(callId, tenantId, agentId, token));
        await Eventually.ReturnsAsync(() => Task.FromResult(Sessions.Find(callId)), session => session is not null, VoiceClient.Patience);

        foreach (var digit in new[] { "\"X\"", "\"" + new string('1', 40) + "\"", "5", "\"\"", "\"7\"" })
        {
            await twilio.SendTextAsync($$$"""{"event":"dtmf","streamSid":"{{{StreamSid}}}","dtmf":{"track":"inbound_track","digit":{{{digit}}}}}""");
        }

        await twilio.SendTextAsync($$$"""{"event":"stop","sequenceNumber":"9","streamSid":"{{{StreamSid}}}","stop":{"callSid":"CA00000000000000000000000000000001"}}""");

        (await twilio.ClosedWithAsync()).ShouldBe(1000);
        var stream = hosts.Realtime.App.Services.GetRequiredService<Invorto.Infrastructure.Timeline.ICallTimelineStream>();
        var timeline = await Eventually.ReturnsAsync(() => stream.ReadAsync(callId, CancellationToken.None), read => read.Any(e => e.Kind == "session.ended"), VoiceClient.Patience);
        var dtmf = timeline.Where(e => e.Kind == "dtmf").ToList();
        dtmf.ShouldHaveSingleItem().PayloadJson.ShouldNotBeNull().ShouldContain("\"7\"");
    }
}
