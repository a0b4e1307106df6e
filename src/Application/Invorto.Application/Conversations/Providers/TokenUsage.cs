namespace Invorto.Application.Conversations.Providers;

/// <summary>The tokens one model request used, as the provider reported them.</summary>
public sealed record TokenUsage(long InputTokens, long OutputTokens);
