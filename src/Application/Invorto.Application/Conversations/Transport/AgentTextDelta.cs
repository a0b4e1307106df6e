namespace Invorto.Application.Conversations.Transport;

/// <summary>A piece of the agent's answer text (<c>llm.delta</c>).</summary>
public sealed record AgentTextDelta(string Text) : ConversationEvent;
