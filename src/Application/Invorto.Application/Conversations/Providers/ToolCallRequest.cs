namespace Invorto.Application.Conversations.Providers;

/// <summary>A tool call proposed by the model; <see cref="ArgumentsJson"/> is a JSON object.</summary>
public sealed record ToolCallRequest(string Id, string Name, string ArgumentsJson);
