using Invorto.Application.Abstractions;
using Invorto.Infrastructure.Persistence.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Invorto.Infrastructure.Persistence;

/// <summary>
/// PostgreSQL: <c>SELECT ... FOR UPDATE</c> on the tenant's row. SQLite: a no-op write on the row, which takes the
/// database's single write lock at once (a deferred transaction that reads first could otherwise deadlock on upgrade).
/// </summary>
internal sealed class EfTenantLock(InvortoDbContext db) : ITenantLock
{
    public async Task LockAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A tenant lock is held by a transaction; take it inside IUnitOfWork.InTransactionAsync.");
        }

        if (db is SqliteInvortoDbContext)
        {
            await db.Tenants.Where(tenant => tenant.Id == tenantId).ExecuteUpdateAsync(set => set.SetProperty(tenant => tenant.Name, tenant => tenant.Name), cancellationToken);
            return;
        }

        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM tenants WHERE id = {tenantId} FOR UPDATE", cancellationToken);
    }
}
