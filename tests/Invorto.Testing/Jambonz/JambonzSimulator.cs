using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Invorto.Infrastructure.Telephony.Jambonz;

namespace Invorto.Testing.Jambonz;

/// <summary>
/// Plays Jambonz's side of a call against our hosts, speaking its wire protocol: signed call_hook, the verbs we
/// answer, the <c>listen</c> WebSocket (metadata text frame, then L16 audio from a WAV), the listen actionHook and
/// signed call_status_hook callbacks.
/// </summary>
public sealed class JambonzSimulator(HttpClient telephony, Func<Uri, IReadOnlyList<string>, CancellationToken, Task<WebSocket>> connectWebSocket, string webhookSecret)
{
    public const int FrameMilliseconds = 20;

    /// <summary>Posts the call_hook and returns our verb array.</summary>
    public async Task<JsonArray> CallHookAsync(string callSid, string direction, string from, string to, JsonObject? customerData, CancellationToken cancellationToken)
    {
        var hook = new JsonObject
        {
            ["call_sid"] = callSid,
            ["account_sid"] = "acc-sim",
            ["application_sid"] = "app-sim",
            ["direction"] = direction,
            ["from"] = from.TrimStart('+'),
            ["to"] = to.TrimStart('+'),
            ["caller_name"] = "Simulator",
            ["call_id"] = $"{Guid.NewGuid():N}@sim",
            ["call_status"] = "trying",
            ["sip_status"] = 100,
            ["customerData"] = customerData?.DeepClone() ?? new JsonObject(),
        };
        using var response = await PostSignedAsync("/telephony/jambonz/call", hook, cancellationToken);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken)) as JsonArray
            ?? throw new InvalidOperationException("The call hook did not answer a verb array.");
    }

    public async Task StatusAsync(string callSid, string status, CancellationToken cancellationToken, int? sipStatus = null)
    {
        var body = new JsonObject { ["call_sid"] = callSid, ["call_status"] = status, ["sip_status"] = sipStatus ?? (status == "in-progress" ? 200 : 180), ["direction"] = "outbound" };
        using var response = await PostSignedAsync("/telephony/jambonz/status", body, cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Opens the listen socket the verbs ask for, sends the metadata frame and returns the open socket.</summary>
    public async Task<WebSocket> OpenListenAsync(JsonObject listenVerb, string callSid, CancellationToken cancellationToken)
    {
        var socket = await connectWebSocket(new Uri(listenVerb["url"]!.GetValue<string>()), ["audio.jambonz.org"], cancellationToken);
        var metadata = new JsonObject
        {
            ["sampleRate"] = listenVerb["sampleRate"]!.GetValue<int>(),
            ["mixType"] = "mono",
            ["callSid"] = callSid,
            ["direction"] = "outbound",
            ["accountSid"] = "acc-sim",
            ["applicationSid"] = "app-sim",
        };
        foreach (var (key, value) in listenVerb["metadata"]!.AsObject())
        {
            metadata[key] = value?.DeepClone();
        }

        await socket.SendAsync(Encoding.UTF8.GetBytes(metadata.ToJsonString()), WebSocketMessageType.Text, true, cancellationToken);
        return socket;
    }

    /// <summary>Streams the WAV's PCM in 20 ms L16 frames and returns the bytes sent.</summary>
    public static async Task<int> StreamWavAsync(WebSocket socket, byte[] wav, CancellationToken cancellationToken)
    {
        var (pcm, sampleRate) = Wav.ReadPcm16Mono(wav);
        var frameBytes = sampleRate / 1000 * FrameMilliseconds * 2;
        var sent = 0;
        for (var offset = 0; offset < pcm.Length; offset += frameBytes)
        {
            var length = Math.Min(frameBytes, pcm.Length - offset);
            await socket.SendAsync(pcm.AsMemory(offset, length), WebSocketMessageType.Binary, true, cancellationToken);
            sent += length;
        }

        return sent;
    }

    public static JsonObject Verb(JsonArray verbs, string name) =>
        verbs.OfType<JsonObject>().Single(verb => verb["verb"]!.GetValue<string>() == name);

    private async Task<HttpResponseMessage> PostSignedAsync(string path, JsonObject body, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(JambonzSignature.HeaderName, JambonzSignature.Sign(webhookSecret, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), bytes));
        return await telephony.SendAsync(request, cancellationToken);
    }
}
