using System.Text.Json;

namespace Invorto.Realtime.Endpoints;

/// <summary>The client's first message: <c>{"t":"start","callId"?,"agentId"?,"locale"?,"sampleRate"?}</c>.</summary>
public sealed record StartMessage(string? CallId, string? AgentId, string? Locale, int SampleRate)
{
    public const int DefaultSampleRate = 16000;

    public static bool TryParse(ReadOnlySpan<byte> json, out StartMessage? message, out string problem)
    {
        message = null;
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Text(root, "t") != "start")
            {
                problem = "the first message must be {\"t\":\"start\", ...}";
                return false;
            }

            var sampleRate = DefaultSampleRate;
            if (root.TryGetProperty("sampleRate", out var rate) && (rate.ValueKind != JsonValueKind.Number || !rate.TryGetInt32(out sampleRate) || sampleRate is not (8000 or 16000)))
            {
                problem = "sampleRate must be 8000 or 16000";
                return false;
            }

            message = new StartMessage(Text(root, "callId"), Text(root, "agentId"), Text(root, "locale"), sampleRate);
            problem = string.Empty;
            return true;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            problem = "the first message is not JSON";
            return false;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
