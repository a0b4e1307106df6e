using Invorto.Domain.Common;

namespace Invorto.Domain.Calls;

/// <summary>A call reached a terminal status (<see cref="CallStateMachine.IsTerminal"/>); raised once per call, by the transition that ended it.</summary>
/// <param name="EndReason">One of <see cref="CallEndReasons"/>, or the carrier's own word for a busy, unanswered or failed call.</param>
public sealed record CallEnded(Guid CallId, Guid TenantId, Guid? CampaignId, CallStatus Status, string EndReason, DateTimeOffset EndedAt) : IDomainEvent;
