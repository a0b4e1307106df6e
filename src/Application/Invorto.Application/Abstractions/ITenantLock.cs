namespace Invorto.Application.Abstractions;

/// <summary>
/// Serializes decisions about one tenant that read several rows before writing (the last admin key, the daily spend
/// thresholds): inside an <see cref="IUnitOfWork"/> transaction, a second caller for the same tenant waits until the
/// first one commits. PostgreSQL locks the tenant's row (<c>SELECT ... FOR UPDATE</c>); SQLite has one writer anyway.
/// </summary>
public interface ITenantLock
{
    /// <summary>Holds the tenant's lock until the current transaction ends; call it inside <see cref="IUnitOfWork.InTransactionAsync{T}"/>.</summary>
    Task LockAsync(Guid tenantId, CancellationToken cancellationToken);
}
