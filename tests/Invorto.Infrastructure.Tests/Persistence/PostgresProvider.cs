using Invorto.Infrastructure.Persistence;
using Invorto.Infrastructure.Persistence.Postgres;
using Invorto.Testing;
using Microsoft.EntityFrameworkCore;

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

    public InvortoDbContext NewContext()
    {
        var builder = new DbContextOptionsBuilder<PostgresInvortoDbContext>();
        builder.UseInvortoPostgres(_database!.ConnectionString);
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
