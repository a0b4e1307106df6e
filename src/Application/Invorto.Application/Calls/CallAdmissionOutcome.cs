namespace Invorto.Application.Calls;

public enum CallAdmissionOutcome
{
    Admitted = 0,

    /// <summary>The tenant's active calls are at its cap (429).</summary>
    TenantCapReached = 1,

    /// <summary>A concurrency scope (global, tenant, campaign) is full (429).</summary>
    ScopeFull = 2,

    /// <summary>The limiter could not be asked; nothing may be dialled (503).</summary>
    Unavailable = 3,
}
