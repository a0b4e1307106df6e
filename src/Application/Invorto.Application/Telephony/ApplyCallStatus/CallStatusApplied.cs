using Invorto.Domain.Calls;

namespace Invorto.Application.Telephony.ApplyCallStatus;

/// <summary>What a status callback did to which call; <see cref="CallId"/> is null for a callback about no call of ours.</summary>
public sealed record CallStatusApplied(Guid? CallId, TransitionOutcome? Outcome, CallStatus? Status);
