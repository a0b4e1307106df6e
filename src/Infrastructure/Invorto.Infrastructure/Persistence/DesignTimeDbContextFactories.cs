using Invorto.Infrastructure.Persistence.Postgres;
using Invorto.Infrastructure.Persistence.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Invorto.Infrastructure.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the Postgres model without a database.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresInvortoDbContext>
{
    public PostgresInvortoDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PostgresInvortoDbContext>();
        builder.UseInvortoPostgres(Environment.GetEnvironmentVariable("DB_URL") ?? "Host=localhost;Database=invorto");
        return new PostgresInvortoDbContext(builder.Options);
    }
}

/// <summary>Lets <c>dotnet ef migrations add</c> build the SQLite model.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteInvortoDbContext>
{
    public SqliteInvortoDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SqliteInvortoDbContext>();
        builder.UseInvortoSqlite("Data Source=design.db");
        return new SqliteInvortoDbContext(builder.Options);
    }
}
