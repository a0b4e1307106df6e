namespace Invorto.Application.Abstractions.Idempotency;

/// <summary>
/// Remembers the first response to a POST sent with an <c>Idempotency-Key</c> (spec §4), per tenant, for 24 hours.
/// Reserve-then-complete: a unique (tenant, key) row is inserted before the work runs, so two racing requests
/// cannot both run it.
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>Inserts a pending row for the key, or reports what the existing row says. Rows older than 24 h count as absent.</summary>
    Task<IdempotencyReservation> ReserveAsync(Guid tenantId, string key, string requestHash, CancellationToken cancellationToken);

    /// <summary>Stores the successful response of a reserved key so later requests replay it.</summary>
    Task CompleteAsync(Guid tenantId, string key, int status, string body, CancellationToken cancellationToken);

    /// <summary>Forgets a reserved key whose request failed, so the client can retry with it.</summary>
    Task ReleaseAsync(Guid tenantId, string key, CancellationToken cancellationToken);
}
