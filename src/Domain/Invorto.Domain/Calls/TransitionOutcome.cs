namespace Invorto.Domain.Calls;

/// <summary>What a requested status change did. Only <see cref="Applied"/> changed the call.</summary>
public enum TransitionOutcome
{
    Applied = 0,

    /// <summary>The call is already in that state (a repeated provider callback).</summary>
    IgnoredDuplicate = 1,

    /// <summary>The state lies behind the current one (a late callback, e.g. ringing after in-progress).</summary>
    IgnoredBackwards = 2,

    /// <summary>The call has ended; nothing changes an ended call.</summary>
    IgnoredTerminal = 3,

    /// <summary>The change makes no sense from the current state (e.g. busy after the call was answered).</summary>
    Rejected = 4,
}
