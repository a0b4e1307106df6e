using Microsoft.Extensions.Configuration;

namespace Invorto.Infrastructure.Conversations.Selection;

/// <summary><c>CONVERSATION_PROVIDERS</c>: <c>agent</c> (default) or <c>scripted</c> (benchmarks and tests only).</summary>
public sealed class ConversationProviderSelection
{
    [ConfigurationKeyName("CONVERSATION_PROVIDERS")]
    public ConversationProviderMode Mode { get; set; } = ConversationProviderMode.Agent;
}
