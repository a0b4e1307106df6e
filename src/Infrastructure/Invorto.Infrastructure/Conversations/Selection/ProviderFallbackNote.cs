namespace Invorto.Infrastructure.Conversations.Selection;

/// <summary>A provider the agent names that could not be used at call start, and what replaced it (<c>provider.fallback</c>).</summary>
public sealed record ProviderFallbackNote(string Role, string From, string To, string Reason);
