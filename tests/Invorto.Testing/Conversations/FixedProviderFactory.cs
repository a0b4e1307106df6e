using Invorto.Application.Conversations;
using Invorto.Application.Conversations.Providers;

namespace Invorto.Testing.Conversations;

/// <summary>Gives every call the same providers: engine tests choose them per test instead of per agent.</summary>
public sealed class FixedProviderFactory(ConversationProviders providers) : IConversationProviderFactory
{
    public ValueTask<ConversationProviders> ResolveAsync(ConversationSetup setup, CancellationToken cancellationToken) => ValueTask.FromResult(providers);
}
