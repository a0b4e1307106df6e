using System.Text.Json;

namespace Invorto.Realtime.Endpoints;

/// <summary>
/// The keys of the Jambonz metadata frame we rely on (camelCase; the listen verb's metadata merged at the top level).
/// A frame that is not a JSON object, or whose keys have the wrong types (a string <c>sampleRate</c>, a number too big
/// for one), is malformed (4400); missing ids leave nothing to authenticate (4401).
/// </summary>
public sealed record ListenMetadata(Guid CallId, Guid TenantId, Guid AgentId, string? Token, int SampleRate)
{
    public const int DefaultSampleRate = 16000;

    /// <returns>The metadata; null with <paramref name="problem"/> when malformed, null without it when the ids are missing.</returns>
    public static ListenMetadata? TryParse(ReadOnlySpan<byte> json, out string? problem)
    {
        problem = null;
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = "metadata must be a JSON object";
                return null;
            }

            if (!MetadataText.TryRead(root, "invortoCallId", out var callText) || !MetadataText.TryRead(root, "tenantId", out var tenantText)
                || !MetadataText.TryRead(root, "agentId", out var agentText) || !MetadataText.TryRead(root, "token", out var token))
            {
                problem = "invortoCallId, tenantId, agentId and token must be strings";
                return null;
            }

            var sampleRate = DefaultSampleRate;
            if (root.TryGetProperty("sampleRate", out var rate) && (rate.ValueKind != JsonValueKind.Number || !rate.TryGetInt32(out sampleRate)))
            {
                problem = "sampleRate must be 8000 or 16000";
                return null;
            }

            return Guid.TryParse(callText, out var callId) && Guid.TryParse(tenantText, out var tenantId) && Guid.TryParse(agentText, out var agentId)
                ? new ListenMetadata(callId, tenantId, agentId, token, sampleRate)
                : null;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            problem = "metadata is not JSON";
            return null;
        }
    }
}
