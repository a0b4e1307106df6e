namespace Invorto.Domain.Conversations.Turns;

/// <summary>
/// An endpointing verdict with <paramref name="Remaining"/>: how much more silence ends the turn if no new words
/// arrive (zero for <see cref="EndpointingVerdict.EndTurn"/>; <see cref="Timeout.InfiniteTimeSpan"/> when nothing
/// pending can end it, i.e. no words yet).
/// </summary>
public readonly record struct EndpointingDecision(EndpointingVerdict Verdict, TimeSpan Remaining);
