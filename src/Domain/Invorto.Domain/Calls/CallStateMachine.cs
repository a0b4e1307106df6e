namespace Invorto.Domain.Calls;

/// <summary>
/// The transition rules of spec §2. Providers deliver callbacks late, twice and out of order, so a
/// transition never throws: it returns what it would do.
/// </summary>
public static class CallStateMachine
{
    public static bool IsTerminal(this CallStatus status) => status >= CallStatus.Completed;

    public static TransitionOutcome Evaluate(CallStatus current, CallStatus next)
    {
        if (current == next)
        {
            return TransitionOutcome.IgnoredDuplicate;
        }

        if (current.IsTerminal())
        {
            return TransitionOutcome.IgnoredTerminal;
        }

        if (!next.IsTerminal())
        {
            return next > current ? TransitionOutcome.Applied : TransitionOutcome.IgnoredBackwards;
        }

        return next switch
        {
            // A lost or late in-progress callback must not leave a finished call hanging until the reaper.
            CallStatus.Completed => current is CallStatus.Queued ? TransitionOutcome.Rejected : TransitionOutcome.Applied,
            CallStatus.Failed => TransitionOutcome.Applied,
            CallStatus.Busy or CallStatus.NoAnswer or CallStatus.Canceled =>
                current == CallStatus.InProgress ? TransitionOutcome.Rejected : TransitionOutcome.Applied,
            _ => TransitionOutcome.Rejected,
        };
    }
}
