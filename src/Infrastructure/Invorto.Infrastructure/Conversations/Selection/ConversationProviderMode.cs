namespace Invorto.Infrastructure.Conversations.Selection;

/// <summary>Where a call's speech and language providers come from (<c>CONVERSATION_PROVIDERS</c>).</summary>
public enum ConversationProviderMode
{
    /// <summary>The providers each agent names, with the offline ones where a key is missing (the product).</summary>
    Agent,

    /// <summary>
    /// Every agent on the deterministic scripted providers (<c>SCRIPTED_*</c>): for the capacity benchmark and the
    /// engine's transport tests only; refused in Production.
    /// </summary>
    Scripted,
}
