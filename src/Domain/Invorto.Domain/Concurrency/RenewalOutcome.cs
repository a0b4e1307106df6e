namespace Invorto.Domain.Concurrency;

/// <summary>How a renewal of a held slot ended.</summary>
public enum RenewalOutcome
{
    /// <summary>The slot was held in every scope and now expires one TTL from now.</summary>
    Renewed,

    /// <summary>The slot was missing or already expired in at least one scope (released, or reclaimed after a missed renewal).</summary>
    NotHeld,

    /// <summary>The store could not be reached; the slot keeps its previous expiry. Try again at the next renew interval.</summary>
    Unavailable,
}
