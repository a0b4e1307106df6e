namespace Invorto.Application.Abstractions.Idempotency;

public enum IdempotencyOutcome
{
    /// <summary>The key is new (or expired): this request runs and its response is recorded.</summary>
    Reserved = 0,

    /// <summary>The same request already completed: send back its stored response.</summary>
    Replay = 1,

    /// <summary>The same request is still running elsewhere.</summary>
    InProgress = 2,

    /// <summary>The key was used with a different request.</summary>
    Mismatch = 3,
}
