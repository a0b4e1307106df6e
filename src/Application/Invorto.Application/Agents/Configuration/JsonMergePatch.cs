using System.Text.Json;
using System.Text.Json.Nodes;

namespace Invorto.Application.Agents.Configuration;

/// <summary>JSON Merge Patch (RFC 7396): objects merge recursively, null removes a member, anything else replaces.</summary>
public static class JsonMergePatch
{
    public static JsonElement Apply(JsonElement target, JsonElement patch)
    {
        var merged = Merge(JsonNode.Parse(target.GetRawText()), patch);
        return JsonSerializer.SerializeToElement(merged);
    }

    private static JsonNode? Merge(JsonNode? target, JsonElement patch)
    {
        if (patch.ValueKind != JsonValueKind.Object)
        {
            return JsonNode.Parse(patch.GetRawText());
        }

        var result = target as JsonObject ?? [];
        foreach (var member in patch.EnumerateObject())
        {
            if (member.Value.ValueKind == JsonValueKind.Null)
            {
                result.Remove(member.Name);
            }
            else
            {
                var current = result[member.Name];
                result.Remove(member.Name);
                result[member.Name] = Merge(current, member.Value);
            }
        }

        return result;
    }
}
