namespace Invorto.Domain.Concurrency;

/// <summary>How an acquire ended.</summary>
public enum AdmissionOutcome
{
    /// <summary>The call holds a slot in every scope it needs.</summary>
    Admitted,

    /// <summary>One scope was full; the call holds no slot anywhere.</summary>
    Rejected,

    /// <summary>The limiter's store could not be reached in time; the call holds no slot and must not be dialled (fail closed).</summary>
    Unavailable,
}
