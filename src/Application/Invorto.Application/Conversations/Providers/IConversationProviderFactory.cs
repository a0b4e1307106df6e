using Invorto.Application.Agents.Configuration;

namespace Invorto.Application.Conversations.Providers;

/// <summary>Picks the speech and language providers an agent's configuration names.</summary>
public interface IConversationProviderFactory
{
    ConversationProviders Resolve(AgentConfig config);
}
