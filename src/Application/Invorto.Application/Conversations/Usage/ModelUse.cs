namespace Invorto.Application.Conversations.Usage;

/// <summary>Tokens one language model used during a call; <paramref name="Estimated"/> when the server did not report them.</summary>
public sealed record ModelUse(string Provider, long TokensIn, long TokensOut, bool Estimated);
