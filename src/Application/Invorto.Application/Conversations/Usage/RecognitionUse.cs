namespace Invorto.Application.Conversations.Usage;

/// <summary>Caller audio one recognizer was given during a call.</summary>
public sealed record RecognitionUse(string Provider, double Seconds);
