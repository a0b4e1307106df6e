using Invorto.Infrastructure.Persistence;
using Invorto.Infrastructure.Persistence.Postgres;
using Invorto.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Invorto.Infrastructure.Tests.Persistence;

public sealed class PostgresProvider : IDatabaseProvider
{
    private TestDatabase? _database;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using var db = NewContext();
        await db.Database.MigrateAsync();
    }

    public InvortoDbContext NewContext() => NewContext([]);

    public InvortoDbContext NewContext(IInterceptor interceptor) => NewContext([interceptor]);

    private PostgresInvortoDbContext NewContext(IInterceptor[] interceptors)
    {
        var builder = new DbContextOptionsBuilder<PostgresInvortoDbContext>();
        builder.UseInvortoPostgres(_database!.ConnectionString).AddInterceptors(interceptors);
        return new PostgresInvortoDbContext(builder.Options);
    }

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
