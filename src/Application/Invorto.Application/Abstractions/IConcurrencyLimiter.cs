using Invorto.Domain.Concurrency;

namespace Invorto.Application.Abstractions;

/// <summary>
/// Leak-proof concurrency slots across every host (spec §7). A call holds one slot, named by its
/// <see cref="SlotId"/>, in each of its scopes (global, tenant, campaign). Slots expire one TTL after their
/// last acquire or renewal, so a crashed holder never keeps one for longer than the TTL.
/// </summary>
/// <remarks>
/// Failures of the store (unreachable, timing out) are results, never exceptions: the limiter fails closed,
/// so an acquire that cannot be decided is <see cref="AdmissionOutcome.Unavailable"/> and nothing may be dialled
/// (the caller answers 503 <c>provider_unavailable</c>). Cancellation throws <see cref="OperationCanceledException"/> as usual.
/// </remarks>
public interface IConcurrencyLimiter
{
    /// <summary>
    /// Takes a slot in every scope of the call, or in none: when one scope is full the result is
    /// <see cref="AdmissionOutcome.Rejected"/> and names it in <see cref="ConcurrencyAdmission.RejectedBy"/>.
    /// Acquiring a slot the call already holds admits it again and refreshes its expiry, so a retried acquire
    /// never counts the call twice.
    /// </summary>
    /// <returns>The admission; when admitted, <see cref="ConcurrencyAdmission.Scopes"/> are the scopes to renew and release.</returns>
    Task<ConcurrencyAdmission> AcquireAsync(ConcurrencyRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Pushes the slot's expiry one TTL from now in every scope where it is still held. Live calls renew every
    /// <see cref="ConcurrencyPolicy.RenewInterval"/>. A slot that lapsed or was released is not taken again.
    /// </summary>
    /// <returns><see cref="RenewalOutcome.Renewed"/> when the slot was held in every scope; <see cref="RenewalOutcome.NotHeld"/>
    /// when it was missing or expired in at least one; <see cref="RenewalOutcome.Unavailable"/> when the store could not be reached.</returns>
    Task<RenewalOutcome> RenewAsync(SlotId slot, IReadOnlyCollection<ConcurrencyScope> scopes, CancellationToken cancellationToken);

    /// <summary>
    /// Frees the slot in every given scope. Idempotent: releasing a slot that is not held (twice, after expiry,
    /// never acquired) is harmless. Only the scopes' keys matter, so any host can rebuild them from the call
    /// with <see cref="ConcurrencyPolicy.ScopesFor"/>.
    /// </summary>
    /// <returns>True when the store confirmed the slot is no longer held; false when it could not be reached, in
    /// which case the slot lapses by its TTL and a later release (the stale-call reaper) may try again.</returns>
    Task<bool> ReleaseAsync(SlotId slot, IReadOnlyCollection<ConcurrencyScope> scopes, CancellationToken cancellationToken);

    /// <summary>For diagnostics: the slots currently held (not expired) in a scope; null when the store could not be reached.</summary>
    Task<int?> CountAsync(ConcurrencyScope scope, CancellationToken cancellationToken);
}
