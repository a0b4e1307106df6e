namespace Invorto.Application.Conversations.Providers;

/// <summary>
/// A piece of a streamed answer: text to speak, a tool the model wants called, or (at the end, when the server reports
/// it) the tokens the request used.
/// </summary>
public readonly record struct LanguageModelChunk(string? Text, ToolCallRequest? ToolCall, TokenUsage? Usage = null)
{
    public static LanguageModelChunk Delta(string text) => new(text, null);

    public static LanguageModelChunk Call(ToolCallRequest call) => new(null, call);

    public static LanguageModelChunk Used(TokenUsage usage) => new(null, null, usage);
}
