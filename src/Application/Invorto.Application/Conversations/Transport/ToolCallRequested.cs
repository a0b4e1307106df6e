namespace Invorto.Application.Conversations.Transport;

/// <summary>A tool the client is asked to run (<c>tool.call</c>).</summary>
public sealed record ToolCallRequested(string Id, string Name, string ArgumentsJson) : ConversationEvent;
