using Invorto.Application.Agents.Configuration;

namespace Invorto.Application.Conversations.Providers;

/// <summary>One completion request: the agent's prompt, the conversation so far and the tools it may call.</summary>
public sealed record LanguageModelRequest(LlmSettings Settings, string SystemPrompt, IReadOnlyList<ChatMessage> Messages, IReadOnlyList<ToolDefinition> Tools);
