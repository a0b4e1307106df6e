using System.Net.WebSockets;
using System.Text;

namespace Invorto.Hosts.Tests.Realtime;

/// <summary>
/// Seeded random frames for the socket fuzz tests: raw bytes, text garbage, broken JSON, JSON of the wrong shape or
/// types, oversized messages, text frames that are not UTF-8, and valid messages of every protocol sent at the wrong time.
/// </summary>
public sealed class FuzzFrames(Random random, IReadOnlyList<(WebSocketMessageType Type, string Payload)> wellFormed)
{
    /// <summary>Well-formed messages of each protocol, mixed in so that sockets live long enough to reach the in-call loop.</summary>
    public static readonly (WebSocketMessageType, string)[] Client =
    [
        (WebSocketMessageType.Text, "{\"t\":\"dtmf\",\"digits\":\"5\"}"),
        (WebSocketMessageType.Text, "{\"t\":\"tool.result\",\"id\":\"tk-none\",\"result\":{\"ok\":true}}"),
        (WebSocketMessageType.Text, "{\"t\":\"bogus\"}"),
        (WebSocketMessageType.Text, "{\"t\":\"start\",\"agentId\":\"canary-agent\"}"),
    ];

    /// <summary>Handshakes that look right but are not: wrong types, numbers out of range, an expiry beyond any date.</summary>
    public static readonly string[] ClientHandshakes =
    [
        "{\"t\":\"start\",\"agentId\":\"canary-agent\",\"sampleRate\":\"16000\"}",
        "{\"t\":\"start\",\"agentId\":\"canary-agent\",\"sampleRate\":1e400}",
        "{\"t\":\"start\",\"agentId\":5,\"callId\":{}}",
        "{\"t\":\"start\",\"agentId\":\"canary-agent\",\"sampleRate\":44100}",
    ];

    public static readonly string[] JambonzHandshakes =
    [
        "{\"sampleRate\":\"16000\"," + Ids + ",\"token\":\"x\"}",
        "{\"sampleRate\":16000," + Ids + ",\"token\":\"" + OverflowingToken + "\"}",
        "{\"sampleRate\":99999999999999999999," + Ids + "}",
        "[" + "{\"sampleRate\":16000}" + "]",
    ];

    public static readonly string[] TwilioHandshakes =
    [
        "{\"event\":\"start\",\"start\":{\"streamSid\":\"MZ1\",\"customParameters\":{" + Ids + ",\"token\":\"" + OverflowingToken + "\"}}}",
        "{\"event\":\"start\",\"start\":{\"streamSid\":\"MZ1\",\"customParameters\":{" + Ids + ",\"token\":7}}}",
        "{\"event\":\"start\",\"start\":5}",
        "{\"event\":\"connected\"}",
    ];

    private const string Ids = "\"invortoCallId\":\"00000000-0000-0000-0000-000000000001\",\"tenantId\":\"00000000-0000-0000-0000-000000000002\",\"agentId\":\"00000000-0000-0000-0000-000000000003\"";
    private const string OverflowingToken = "00000000000000000000000000000001.00000000000000000000000000000002.00000000000000000000000000000003.99999999999999.AAAAAAAAAAAAAAAAAAAAAA";

    public static readonly (WebSocketMessageType, string)[] Jambonz =
    [
        (WebSocketMessageType.Text, "{\"event\":\"dtmf\",\"dtmf\":\"5\",\"duration\":100}"),
        (WebSocketMessageType.Text, "{\"type\":\"mark\",\"data\":{\"name\":\"invorto-1\",\"event\":\"playout\"}}"),
        (WebSocketMessageType.Text, "{\"type\":\"mark\",\"data\":{\"name\":\"invorto-2\",\"event\":\"cleared\"}}"),
    ];

    public static readonly (WebSocketMessageType, string)[] Twilio =
    [
        (WebSocketMessageType.Text, "{\"event\":\"media\",\"media\":{\"payload\":\"" + Convert.ToBase64String(new byte[160]) + "\"}}"),
        (WebSocketMessageType.Text, "{\"event\":\"dtmf\",\"dtmf\":{\"digit\":\"7\"}}"),
        (WebSocketMessageType.Text, "{\"event\":\"mark\",\"mark\":{\"name\":\"invorto-1\"}}"),
        (WebSocketMessageType.Text, "{\"event\":\"connected\"}"),
        (WebSocketMessageType.Text, "{\"event\":\"unknown\"}"),
    ];

    private static readonly string[] Shapes =
    [
        "[]", "42", "null", "\"text\"", "true", "{}", "{\"t\":5}", "{\"t\":null}", "{\"t\":{\"a\":1}}", "{\"t\":[\"dtmf\"]}",
        "{\"t\":\"dtmf\",\"digits\":123}", "{\"t\":\"dtmf\",\"digits\":{\"d\":1}}", "{\"t\":\"dtmf\",\"digits\":\"\"}", "{\"t\":\"dtmf\"}",
        "{\"t\":\"dtmf\",\"digits\":\"5\"}", "{\"t\":\"dtmf\",\"digits\":\"12#*ABCD\"}", "{\"t\":\"dtmf\",\"digits\":\"\\u0000\\ud800\"}",
        "{\"t\":\"tool.result\",\"id\":7}", "{\"t\":\"tool.result\",\"id\":\"tk-1\",\"result\":{\"ok\":true}}", "{\"t\":\"tool.result\"}",
        "{\"t\":\"start\",\"agentId\":\"canary-agent\"}", "{\"t\":\"start\",\"sampleRate\":\"16000\"}", "{\"t\":\"start\",\"sampleRate\":1e400}",
        "{\"t\":\"start\",\"sampleRate\":99999999999999999999}", "{\"t\":\"start\",\"callId\":5,\"agentId\":[]}", "{\"t\":\"end\",\"reason\":7}",
        "{\"event\":5}", "{\"event\":\"media\"}", "{\"event\":\"media\",\"media\":\"x\"}", "{\"event\":\"media\",\"media\":{\"payload\":5}}",
        "{\"event\":\"media\",\"media\":{\"payload\":\"%%%not base64\"}}", "{\"event\":\"media\",\"media\":{\"payload\":\"//8=\"}}",
        "{\"event\":\"media\",\"media\":{\"payload\":\"\"}}", "{\"event\":\"dtmf\",\"dtmf\":{\"digit\":[1]}}", "{\"event\":\"dtmf\",\"dtmf\":\"5\"}",
        "{\"event\":\"dtmf\",\"dtmf\":{\"digit\":\"5\"}}", "{\"event\":\"dtmf\",\"dtmf\":{\"digit\":\"ZZZZ\"}}", "{\"event\":\"mark\",\"mark\":5}",
        "{\"event\":\"mark\",\"mark\":{\"name\":\"invorto-1\"}}", "{\"event\":\"connected\"}", "{\"event\":\"start\"}", "{\"event\":\"start\",\"start\":5}",
        "{\"event\":\"start\",\"start\":{\"streamSid\":5,\"customParameters\":\"x\"}}", "{\"event\":\"stop\"}", "{\"event\":\"dtmf\",\"dtmf\":12}",
        "{\"type\":\"mark\",\"data\":\"x\"}", "{\"type\":\"mark\",\"data\":{\"name\":5,\"event\":\"playout\"}}", "{\"type\":\"mark\",\"data\":{\"name\":\"invorto-1\",\"event\":\"cleared\"}}",
        "{\"sampleRate\":\"16000\",\"invortoCallId\":\"x\"}", "{\"sampleRate\":1e400}", "{\"invortoCallId\":5,\"tenantId\":[],\"agentId\":{}}",
        "{\"sampleRate\":16000,\"invortoCallId\":\"00000000-0000-0000-0000-000000000001\",\"tenantId\":\"00000000-0000-0000-0000-000000000002\",\"agentId\":\"00000000-0000-0000-0000-000000000003\",\"token\":\"a.b.c.99999999999999999.x\"}",
    ];

    /// <summary>Half the time a well-formed message of the protocol (or 20 ms of audio where it has binary audio), else a random frame.</summary>
    public (WebSocketMessageType Type, byte[] Payload) Next(int maxMessageBytes, bool binaryAudio)
    {
        if (random.Next(2) == 0)
        {
            if (binaryAudio && random.Next(3) == 0)
            {
                return (WebSocketMessageType.Binary, Bytes(640));
            }

            var (type, payload) = wellFormed[random.Next(wellFormed.Count)];
            return (type, Encoding.UTF8.GetBytes(payload));
        }

        return Random(maxMessageBytes);
    }

    private (WebSocketMessageType Type, byte[] Payload) Random(int maxMessageBytes) => random.Next(10) switch
    {
        0 => (WebSocketMessageType.Binary, Bytes(random.Next(0, 2048))),
        1 => random.Next(2) == 0 ? (WebSocketMessageType.Binary, new byte[640]) : (WebSocketMessageType.Text, [(byte)'{', 0xC3, 0x28, 0xFF, (byte)'}']),
        2 => (WebSocketMessageType.Text, Encoding.UTF8.GetBytes(Garbage(random.Next(1, 200)))),
        3 => (WebSocketMessageType.Text, Broken(Shape())),
        4 or 5 or 6 => (WebSocketMessageType.Text, Encoding.UTF8.GetBytes(Shape())),
        7 => (WebSocketMessageType.Text, Encoding.UTF8.GetBytes(Deep(random.Next(10, 200)))),
        8 => random.Next(2) == 0
            ? (WebSocketMessageType.Text, Encoding.UTF8.GetBytes("{\"t\":\"dtmf\",\"digits\":\"" + new string('7', random.Next(33, maxMessageBytes + 1024)) + "\"}"))
            : (WebSocketMessageType.Binary, Bytes(random.Next(16 * 1024, maxMessageBytes + 4096))),
        _ => (WebSocketMessageType.Text, Encoding.UTF8.GetBytes(Shape().Replace("\"5\"", "\"" + Garbage(random.Next(1, 64)).Replace("\\", "").Replace("\"", "") + "\"", StringComparison.Ordinal))),
    };

    private string Shape() => Shapes[random.Next(Shapes.Length)];

    private byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private byte[] Broken(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        return bytes.Length <= 1 ? [(byte)'{'] : bytes[..random.Next(1, bytes.Length)];
    }

    private static string Deep(int depth) => new string('[', depth) + new string(']', depth);

    private string Garbage(int length)
    {
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append(random.Next(4) == 0 ? (char)random.Next(0x20, 0xD7FF) : (char)random.Next(0x20, 0x7F));
        }

        return builder.ToString();
    }
}
