using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Invorto.Application.Conversations.Engine;
using Invorto.Application.Conversations.Usage;

namespace Invorto.Application.Calls.Costs;

/// <summary>
/// The call's <c>usage</c> object: <c>kpis</c>; per provider <c>asr</c> (<c>seconds</c>), <c>tts</c> (<c>characters</c>)
/// and <c>llm</c> (<c>tokensIn</c>, <c>tokensOut</c>, <c>estimated</c>) once the media session reported them; the totals
/// <c>asrMinutes</c>, <c>ttsCharacters</c>, <c>llmTokensIn</c>, <c>llmTokensOut</c>; and <c>transport</c>
/// (<c>provider</c>, <c>minutes</c>), <c>transportMinutes</c> and <c>settled</c> when the costs were written.
/// </summary>
public static class CallUsageDocument
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string WithKpis(string? usageJson, ConversationKpis kpis)
    {
        var usage = Parse(usageJson);
        usage["kpis"] = JsonSerializer.SerializeToNode(kpis, Json);
        return usage.ToJsonString();
    }

    public static string WithMedia(string? usageJson, ConversationUsage media)
    {
        ArgumentNullException.ThrowIfNull(media);
        var usage = Parse(usageJson);
        usage["asr"] = JsonSerializer.SerializeToNode(media.Recognition, Json);
        usage["tts"] = JsonSerializer.SerializeToNode(media.Synthesis, Json);
        usage["llm"] = JsonSerializer.SerializeToNode(media.Models, Json);
        usage["asrMinutes"] = Math.Round(media.Recognition.Sum(use => use.Seconds) / 60.0, 3);
        usage["ttsCharacters"] = media.Synthesis.Sum(use => use.Characters);
        usage["llmTokensIn"] = media.Models.Sum(use => use.TokensIn);
        usage["llmTokensOut"] = media.Models.Sum(use => use.TokensOut);
        return usage.ToJsonString();
    }

    /// <summary>True once a media session reported what it used.</summary>
    public static bool HasMedia(string? usageJson) => Parse(usageJson).ContainsKey("asr");

    public static bool IsSettled(string? usageJson) => Parse(usageJson)["settled"]?.GetValueKind() == JsonValueKind.True;

    public static ConversationUsage Media(string? usageJson)
    {
        var usage = Parse(usageJson);
        return new ConversationUsage(
            usage["asr"]?.Deserialize<List<RecognitionUse>>(Json) ?? [],
            usage["tts"]?.Deserialize<List<SynthesisUse>>(Json) ?? [],
            usage["llm"]?.Deserialize<List<ModelUse>>(Json) ?? []);
    }

    public static string Settled(string? usageJson, string transport, decimal transportMinutes)
    {
        var usage = Parse(usageJson);
        var minutes = decimal.Round(transportMinutes, 3);
        usage["transport"] = new JsonObject { ["provider"] = transport, ["minutes"] = minutes };
        usage["transportMinutes"] = minutes;
        usage["settled"] = true;
        return usage.ToJsonString();
    }

    private static JsonObject Parse(string? usageJson)
    {
        if (string.IsNullOrWhiteSpace(usageJson))
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(usageJson) as JsonObject ?? [];
        }
        catch (JsonException)
        {
            return new JsonObject { ["unreadable"] = usageJson.Length.ToString(CultureInfo.InvariantCulture) };
        }
    }
}
