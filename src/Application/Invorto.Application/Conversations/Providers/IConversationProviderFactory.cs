namespace Invorto.Application.Conversations.Providers;

/// <summary>Picks the speech and language providers an agent's configuration names.</summary>
public interface IConversationProviderFactory
{
    /// <summary>The providers of one call, chosen when it starts (a tenant's own keys are read then).</summary>
    ValueTask<ConversationProviders> ResolveAsync(ConversationSetup setup, CancellationToken cancellationToken);
}
