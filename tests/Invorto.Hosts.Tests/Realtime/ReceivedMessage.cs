using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Invorto.Hosts.Tests.Realtime;

/// <summary>One message a <see cref="VoiceClient"/> received, in arrival order; <see cref="Kind"/> is the JSON discriminator of a text message.</summary>
public sealed record ReceivedMessage(int Index, WebSocketMessageType Type, byte[] Payload)
{
    public string Text => Encoding.UTF8.GetString(Payload);

    /// <summary>The <c>t</c> (client protocol), <c>event</c> (Twilio) or <c>type</c> (Jambonz) of a JSON text message.</summary>
    public string? Kind => Type == WebSocketMessageType.Text ? KindOf(Payload) : null;

    public JsonElement Json => JsonDocument.Parse(Payload).RootElement.Clone();

    private static string? KindOf(byte[] payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            foreach (var name in new[] { "t", "event", "type" })
            {
                if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var kind) && kind.ValueKind == JsonValueKind.String)
                {
                    return kind.GetString();
                }
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
