namespace Invorto.Infrastructure.Conversations.Resilience;

/// <summary>
/// One provider in a failover chain: its name for the timeline and logs (<c>deepgram</c>, <c>openai</c>, <c>espeak</c>
/// ...), the key of its circuit (the provider and the endpoint it calls, never a tenant's key) and the adapter.
/// </summary>
public sealed record ProviderCandidate<TProvider>(string Name, string CircuitKey, TProvider Provider);
