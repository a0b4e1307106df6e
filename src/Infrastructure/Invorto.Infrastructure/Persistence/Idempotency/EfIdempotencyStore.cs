using Invorto.Application.Abstractions.Idempotency;
using Microsoft.EntityFrameworkCore;

namespace Invorto.Infrastructure.Persistence.Idempotency;

/// <summary>
/// <see cref="IIdempotencyStore"/> on the <c>idempotency_keys</c> table. The insert of the pending row is the check:
/// its primary key (tenant_id, key) lets exactly one of racing requests through.
/// </summary>
internal sealed class EfIdempotencyStore(InvortoDbContext db, TimeProvider clock) : IIdempotencyStore
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    public async Task<IdempotencyReservation> ReserveAsync(Guid tenantId, string key, string requestHash, CancellationToken cancellationToken)
    {
        // Twice at most: the second attempt follows the removal of an expired row that held the key.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var now = clock.GetUtcNow();
            if (await TryInsertAsync(new IdempotencyRecord { TenantId = tenantId, Key = key, RequestHash = requestHash, CreatedAt = now }, cancellationToken))
            {
                return IdempotencyReservation.Reserved;
            }

            var existing = await db.IdempotencyKeys.AsNoTracking()
                .SingleOrDefaultAsync(record => record.TenantId == tenantId && record.Key == key, cancellationToken);
            if (existing is null)
            {
                continue;
            }

            if (existing.CreatedAt <= now - Retention)
            {
                var expiredAt = existing.CreatedAt;
                await db.IdempotencyKeys
                    .Where(record => record.TenantId == tenantId && record.Key == key && record.CreatedAt == expiredAt)
                    .ExecuteDeleteAsync(cancellationToken);
                continue;
            }

            if (!string.Equals(existing.RequestHash, requestHash, StringComparison.Ordinal))
            {
                return IdempotencyReservation.Mismatch;
            }

            return existing.Status is { } status
                ? IdempotencyReservation.Replay(status, existing.Response ?? string.Empty)
                : IdempotencyReservation.InProgress;
        }

        // Another request took the key again between our delete and insert: it is now in progress.
        return IdempotencyReservation.InProgress;
    }

    public Task CompleteAsync(Guid tenantId, string key, int status, string body, CancellationToken cancellationToken)
    {
        string? response = body.Length == 0 ? null : body;
        return db.IdempotencyKeys
            .Where(record => record.TenantId == tenantId && record.Key == key)
            .ExecuteUpdateAsync(set => set.SetProperty(record => record.Status, status).SetProperty(record => record.Response, response), cancellationToken);
    }

    public Task ReleaseAsync(Guid tenantId, string key, CancellationToken cancellationToken) =>
        db.IdempotencyKeys
            .Where(record => record.TenantId == tenantId && record.Key == key && record.Status == null)
            .ExecuteDeleteAsync(cancellationToken);

    private async Task<bool> TryInsertAsync(IdempotencyRecord record, CancellationToken cancellationToken)
    {
        db.IdempotencyKeys.Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException exception) when (UniqueViolation.Caused(exception))
        {
            return false;
        }
        finally
        {
            // Later saves of the request must not touch this row again.
            db.Entry(record).State = EntityState.Detached;
        }
    }
}
