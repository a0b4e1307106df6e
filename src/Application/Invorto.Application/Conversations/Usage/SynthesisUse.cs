namespace Invorto.Application.Conversations.Usage;

/// <summary>Text one voice spoke during a call.</summary>
public sealed record SynthesisUse(string Provider, long Characters);
