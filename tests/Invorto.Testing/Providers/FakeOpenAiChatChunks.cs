using System.Text.Json;
using System.Text.Json.Nodes;

namespace Invorto.Testing.Providers;

/// <summary>
/// The <c>chat.completion.chunk</c> objects of OpenAI's streamed chat completions: a role chunk, text deltas, tool-call
/// fragments (<c>index</c>, then <c>id</c> and <c>function.name</c> once, <c>function.arguments</c> in pieces), a
/// chunk with the <c>finish_reason</c>, and a usage chunk with no choices.
/// </summary>
public static class FakeOpenAiChatChunks
{
    public const string Model = "fake-model";

    public static string Role() => Chunk(new JsonObject { ["role"] = "assistant", ["content"] = string.Empty });

    public static string Text(string delta) => Chunk(new JsonObject { ["content"] = delta });

    /// <summary>The first fragment of tool call <paramref name="index"/>: its id, name and (usually empty) first arguments.</summary>
    public static string ToolCallStart(int index, string id, string name, string arguments = "") => Chunk(new JsonObject
    {
        ["tool_calls"] = new JsonArray(new JsonObject
        {
            ["index"] = index,
            ["id"] = id,
            ["type"] = "function",
            ["function"] = new JsonObject { ["name"] = name, ["arguments"] = arguments },
        }),
    });

    public static string ToolCallArguments(int index, string fragment) => Chunk(new JsonObject
    {
        ["tool_calls"] = new JsonArray(new JsonObject { ["index"] = index, ["function"] = new JsonObject { ["arguments"] = fragment } }),
    });

    public static string Finish(string reason) => Chunk(new JsonObject(), reason);

    public static string Usage(int prompt, int completion) => new JsonObject
    {
        ["id"] = "chatcmpl-fake",
        ["object"] = "chat.completion.chunk",
        ["created"] = 1_700_000_000,
        ["model"] = Model,
        ["choices"] = new JsonArray(),
        ["usage"] = new JsonObject { ["prompt_tokens"] = prompt, ["completion_tokens"] = completion, ["total_tokens"] = prompt + completion },
    }.ToJsonString();

    public static string ErrorBody(string message, string type, string? code) => JsonSerializer.Serialize(new
    {
        error = new { message, type, param = (string?)null, code },
    });

    private static string Chunk(JsonObject delta, string? finishReason = null) => new JsonObject
    {
        ["id"] = "chatcmpl-fake",
        ["object"] = "chat.completion.chunk",
        ["created"] = 1_700_000_000,
        ["model"] = Model,
        ["system_fingerprint"] = "fp_fake",
        ["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["delta"] = delta,
            ["logprobs"] = null,
            ["finish_reason"] = finishReason,
        }),
    }.ToJsonString();
}
