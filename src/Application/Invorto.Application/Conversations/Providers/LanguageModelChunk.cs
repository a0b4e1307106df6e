namespace Invorto.Application.Conversations.Providers;

/// <summary>A piece of a streamed answer: text to speak, or a tool the model wants called.</summary>
public readonly record struct LanguageModelChunk(string? Text, ToolCallRequest? ToolCall)
{
    public static LanguageModelChunk Delta(string text) => new(text, null);

    public static LanguageModelChunk Call(ToolCallRequest call) => new(null, call);
}
