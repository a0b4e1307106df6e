using Invorto.Infrastructure.Persistence;
using Invorto.Infrastructure.Persistence.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Invorto.Infrastructure.Tests.Persistence;

public sealed class SqliteProvider : IDatabaseProvider
{
    private readonly string _directory = Directory.CreateTempSubdirectory("invorto-sqlite-").FullName;

    public async Task InitializeAsync()
    {
        await using var db = NewContext();
        await db.Database.MigrateAsync();
    }

    public InvortoDbContext NewContext() => NewContext([]);

    public InvortoDbContext NewContext(IInterceptor interceptor) => NewContext([interceptor]);

    private SqliteInvortoDbContext NewContext(IInterceptor[] interceptors)
    {
        var builder = new DbContextOptionsBuilder<SqliteInvortoDbContext>();
        builder.UseInvortoSqlite($"Data Source={Path.Combine(_directory, "invorto.db")}").AddInterceptors(interceptors);
        return new SqliteInvortoDbContext(builder.Options);
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
