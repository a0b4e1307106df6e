namespace Invorto.Application.Conversations.Engine;

/// <summary>When the caller last spoke and when endpointing ended the turn (engine timestamps): the base of turn latency.</summary>
internal readonly record struct TurnTiming(long LastSpeechAt, long DecidedAt);
