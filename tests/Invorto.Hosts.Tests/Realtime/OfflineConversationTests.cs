using System.Net.WebSockets;
using System.Text.Json;
using Invorto.Application.Abstractions;
using Invorto.Application.Agents.Configuration;
using Invorto.Application.Calls.PostCall;
using Invorto.Application.Conversations;
using Invorto.Application.Conversations.Providers;
using Invorto.Domain.Calls;
using Invorto.Infrastructure.Conversations.Providers.Espeak;
using Invorto.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Invorto.Hosts.Tests.Realtime;

/// <summary>
/// A web call on the default providers, as the README's run command starts them: no keys, no servers, so the agent
/// (configured with a prompt only) listens with PocketSphinx, answers with the rule-based responder and speaks with
/// eSpeak. The caller's speech is synthesized, streamed in real time and recognized; the agent's answer is speech.
/// </summary>
[Collection(HostsCollection.Name)]
public sealed class OfflineConversationTests(HostsFixture hosts) : IAsyncLifetime
{
    private KestrelRealtimeHost _realtime = null!;

    public async Task InitializeAsync() =>
        _realtime = await KestrelRealtimeHost.StartAsync(new Dictionary<string, string?>(hosts.Environment)
        {
            ["MIGRATE_ON_START"] = "false",
            ["CONVERSATION_PROVIDERS"] = null,
        });

    public async Task DisposeAsync() => await _realtime.DisposeAsync();

    [Fact]
    public async Task A_caller_is_recognized_and_answered_with_speech_on_the_default_offline_providers()
    {
        var (key, _, agentId) = await WebCalls.TenantWithAgentAsync(hosts, "rt-offline");
        await using var client = await VoiceClient.ConnectAsync(_realtime.WebSocketUri("/realtime/voice"), o => o.AddSubProtocol(key));
        await client.SendTextAsync(WebCalls.Start(agentId));
        var callId = (await client.WaitForKindAsync("ready")).Json.GetProperty("callId").GetGuid();

        var speech = await SynthesizeAsync("hello thank you");
        await StreamInRealTimeAsync(client, speech);
        var final = await client.WaitForKindAsync("stt.final");
        await client.UntilAsync(c => c.AudioFrames >= 50);

        final.Json.GetProperty("text").GetString().ShouldBe("hello thank you");
        var agentAudio = client.Messages.Where(m => m.Type == WebSocketMessageType.Binary).Select(m => m.Payload).ToList();
        var crossings = agentAudio.Where(frame => Rms(frame) > 300).Select(ZeroCrossings).ToList();
        crossings.Count.ShouldBeGreaterThan(10, "the agent's answer is audible");
        (crossings.Max() - crossings.Min()).ShouldBeGreaterThan(10, "speech, whose pitch and sounds change, not a steady tone");
        client.OfKind("error").ShouldBeEmpty();

        await client.SendTextAsync("""{"t":"end"}""");
        var detail = await Eventually.ReturnsAsync(
            () => hosts.Api.Client.SendForJsonAsync(HttpMethod.Get, $"/v1/calls/{callId}", key),
            call => call.GetProperty("costs").GetArrayLength() > 0 || call.GetProperty("usage").ValueKind == JsonValueKind.Object && call.GetProperty("usage").TryGetProperty("settled", out _),
            VoiceClient.Patience);
        var costs = detail.GetProperty("costs").EnumerateArray()
            .ToDictionary(cost => $"{cost.GetProperty("type").GetString()}:{cost.GetProperty("provider").GetString()}");
        costs.Keys.ShouldBe(["transport:web", "stt:pocketsphinx", "tts:espeak", "llm:rules"], ignoreOrder: true);
        costs["stt:pocketsphinx"].GetProperty("minutes").GetDecimal().ShouldBeGreaterThan(0m, "the caller's audio went to the recognizer");
        costs["tts:espeak"].GetProperty("units").GetDecimal().ShouldBeGreaterThan(0m, "the answer's characters were spoken");
        detail.GetProperty("costInr").GetDecimal().ShouldBe(0m, "the offline providers and the browser cost nothing");
        detail.GetProperty("usage").GetProperty("settled").GetBoolean().ShouldBeTrue();

        // The post-call job (minutely in the Webhooks service) run now, with its clock past the settling time.
        await Eventually.ReturnsAsync(() => hosts.LoadCallAsync(callId), call => call.Events.Any(entry => entry.Kind == TimelineKinds.SessionEnded), VoiceClient.Patience);
        await using (var scope = hosts.Api.App.Services.CreateAsyncScope())
        {
            var later = new FakeTimeProvider(DateTimeOffset.UtcNow + ProcessEndedCallsHandler.Settle + TimeSpan.FromSeconds(1));
            var postCall = new ProcessEndedCallsHandler(scope.ServiceProvider.GetRequiredService<IRepository<Call>>(), scope.ServiceProvider.GetRequiredService<IArtifactStore>(), later);
            await postCall.HandleAsync(CancellationToken.None);
        }

        var summarized = await hosts.Api.Client.SendForJsonAsync(HttpMethod.Get, $"/v1/calls/{callId}", key);
        summarized.GetProperty("analysis").GetProperty("outcome").GetString().ShouldBe("completed");
        var artifacts = await hosts.Api.Client.SendForJsonAsync(HttpMethod.Get, $"/v1/calls/{callId}/artifacts", key);
        var link = new Uri(artifacts.GetProperty("transcript").GetString()!);
        using var transcript = JsonDocument.Parse(await hosts.Api.Client.GetStringAsync(new Uri(link.PathAndQuery, UriKind.Relative)));
        var messages = transcript.RootElement.GetProperty("messages").EnumerateArray().ToList();
        messages.ShouldContain(message => message.GetProperty("speaker").GetString() == "caller" && message.GetProperty("text").GetString() == "hello thank you");
        messages.ShouldContain(message => message.GetProperty("speaker").GetString() == "agent");
    }

    private static async Task<byte[]> SynthesizeAsync(string text)
    {
        var audio = new List<byte>();
        var request = new SpeechRequest(Guid.NewGuid(), text, new VoiceSettings { Provider = "espeak", VoiceId = "en" }, 16000);
        await foreach (var chunk in new EspeakSynthesizer("en-US").SynthesizeAsync(request, CancellationToken.None))
        {
            audio.AddRange(chunk.ToArray());
        }

        return [.. audio];
    }

    /// <summary>The speech in 20 ms frames at the pace of a real caller, then a second of silence so the turn ends.</summary>
    private static async Task StreamInRealTimeAsync(VoiceClient client, byte[] speech)
    {
        var send = WebCalls.AudioSink(client);
        var silence = new byte[640 * 50];
        var audio = speech.Concat(silence).ToArray();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        for (var offset = 0; offset + 640 <= audio.Length; offset += 640)
        {
            await send(audio.AsMemory(offset, 640), CancellationToken.None);
            await timer.WaitForNextTickAsync();
        }
    }

    private static double Rms(byte[] frame)
    {
        double sum = 0;
        for (var i = 0; i + 1 < frame.Length; i += 2)
        {
            double sample = BitConverter.ToInt16(frame, i);
            sum += sample * sample;
        }

        return Math.Sqrt(sum / (frame.Length / 2));
    }

    private static int ZeroCrossings(byte[] frame)
    {
        var crossings = 0;
        for (var i = 2; i + 1 < frame.Length; i += 2)
        {
            if (BitConverter.ToInt16(frame, i) >= 0 != BitConverter.ToInt16(frame, i - 2) >= 0)
            {
                crossings++;
            }
        }

        return crossings;
    }
}
