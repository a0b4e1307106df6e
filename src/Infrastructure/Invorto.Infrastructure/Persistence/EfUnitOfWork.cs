using Invorto.Application.Abstractions;
using Microsoft.EntityFrameworkCore;

namespace Invorto.Infrastructure.Persistence;

internal sealed class EfUnitOfWork(InvortoDbContext db) : IUnitOfWork
{
    public async Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await work(cancellationToken);
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(
            async ct =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var result = await work(ct);
                await transaction.CommitAsync(ct);
                return result;
            },
            cancellationToken);
    }
}
