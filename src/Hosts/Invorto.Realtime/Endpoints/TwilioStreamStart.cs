using System.Text.Json;

namespace Invorto.Realtime.Endpoints;

/// <summary>
/// The Twilio <c>start</c> event's fields we rely on: the stream id and our custom parameters. A <c>start</c> without
/// the <c>start</c> object, its <c>streamSid</c> or <c>customParameters</c>, or with keys of the wrong types is malformed
/// (4400); missing ids leave nothing to authenticate (4401).
/// </summary>
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
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <returns>The start; null with <paramref name="problem"/> when malformed, null without it when the ids are missing.</returns>
    public static TwilioStreamStart? TryParse(ReadOnlySpan<byte> json, out string? problem)
    {
        problem = null;
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("start", out var start) || start.ValueKind != JsonValueKind.Object
                || !MetadataText.TryRead(start, "streamSid", out var streamSid) || string.IsNullOrEmpty(streamSid)
                || !start.TryGetProperty("customParameters", out var parameters) || parameters.ValueKind != JsonValueKind.Object)
            {
                problem = "start must carry start.streamSid and start.customParameters";
                return null;
            }

            if (!MetadataText.TryRead(parameters, "invortoCallId", out var callText) || !MetadataText.TryRead(parameters, "tenantId", out var tenantText)
                || !MetadataText.TryRead(parameters, "agentId", out var agentText) || !MetadataText.TryRead(parameters, "token", out var token))
            {
                problem = "custom parameters must be strings";
                return null;
            }

            return Guid.TryParse(callText, out var callId) && Guid.TryParse(tenantText, out var tenantId) && Guid.TryParse(agentText, out var agentId)
                ? new TwilioStreamStart(streamSid, callId, tenantId, agentId, token)
                : null;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            problem = "start is not JSON";
            return null;
        }
    }
}
