using System.Text.Json;

namespace Invorto.Realtime.Endpoints;

/// <summary>The Twilio <c>start</c> event's fields we rely on: the stream id and our custom parameters.</summary>
public sealed record TwilioStreamStart(string StreamSid, Guid CallId, Guid TenantId, Guid AgentId, string? Token)
{
    public static string? EventOf(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("event", out var kind) && kind.ValueKind == JsonValueKind.String
                ? kind.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static TwilioStreamStart? TryParse(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (!root.TryGetProperty("start", out var start) || start.ValueKind != JsonValueKind.Object
                || Text(start, "streamSid") is not { } streamSid
                || !start.TryGetProperty("customParameters", out var parameters) || parameters.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            return Guid.TryParse(Text(parameters, "invortoCallId"), out var callId)
                && Guid.TryParse(Text(parameters, "tenantId"), out var tenantId)
                && Guid.TryParse(Text(parameters, "agentId"), out var agentId)
                    ? new TwilioStreamStart(streamSid, callId, tenantId, agentId, Text(parameters, "token"))
                    : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
