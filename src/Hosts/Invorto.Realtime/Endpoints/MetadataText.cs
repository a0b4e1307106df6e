using System.Text.Json;

namespace Invorto.Realtime.Endpoints;

/// <summary>Reads the optional string keys of a media socket's handshake: absent or null is fine, any other type is malformed.</summary>
internal static class MetadataText
{
    public static bool TryRead(JsonElement element, string name, out string? value)
    {
        value = null;
        if (!element.TryGetProperty(name, out var property) || property.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (property.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        value = property.GetString();
        return true;
    }
}
