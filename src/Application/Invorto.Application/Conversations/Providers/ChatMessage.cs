namespace Invorto.Application.Conversations.Providers;

/// <summary>One message of the conversation history; an assistant message may carry the tool call it made, a tool message answers one.</summary>
public sealed record ChatMessage(ChatRole Role, string Content, ToolCallRequest? ToolCall = null, string? ToolCallId = null);
