using System.Text.Json.Nodes;

namespace Invorto.Infrastructure.Telephony.Jambonz;

/// <summary>The verb arrays our hooks answer with (spec §6).</summary>
public static class JambonzVerbs
{
    public const int SampleRate = 16000;

    /// <summary>Connects the call to our realtime host: optional consent prompt, then bidirectional streaming audio, then hang up.</summary>
    public static JsonArray ConnectToAgent(Uri listenUrl, JsonObject metadata, string? consentPrompt, string listenEndedHook)
    {
        var verbs = new JsonArray { new JsonObject { ["verb"] = "config", ["notifyEvents"] = true } };
        if (!string.IsNullOrWhiteSpace(consentPrompt))
        {
            verbs.Add(new JsonObject { ["verb"] = "say", ["text"] = consentPrompt });
        }

        verbs.Add(new JsonObject
        {
            ["verb"] = "listen",
            ["url"] = listenUrl.ToString(),
            ["sampleRate"] = SampleRate,
            ["mixType"] = "mono",
            ["passDtmf"] = true,
            ["bidirectionalAudio"] = new JsonObject { ["enabled"] = true, ["streaming"] = true, ["sampleRate"] = SampleRate },
            ["metadata"] = metadata,
            ["actionHook"] = listenEndedHook,
        });
        verbs.Add(new JsonObject { ["verb"] = "hangup" });
        return verbs;
    }

    public static JsonArray NotInService() =>
    [
        new JsonObject { ["verb"] = "say", ["text"] = "This number is not in service." },
        new JsonObject { ["verb"] = "hangup" },
    ];

    public static JsonArray AllLinesBusy() =>
    [
        new JsonObject { ["verb"] = "say", ["text"] = "All our lines are busy right now. Please call again later." },
        new JsonObject { ["verb"] = "hangup" },
    ];

    public static JsonArray HangUp() => [new JsonObject { ["verb"] = "hangup" }];

    /// <summary>Dials the transfer target; attended transfers bridge only once the target answers.</summary>
    public static JsonArray Dial(string number, bool attended) =>
    [
        new JsonObject
        {
            ["verb"] = "dial",
            ["answerOnBridge"] = attended,
            ["target"] = new JsonArray { new JsonObject { ["type"] = "phone", ["number"] = number } },
        },
        new JsonObject { ["verb"] = "hangup" },
    ];
}
