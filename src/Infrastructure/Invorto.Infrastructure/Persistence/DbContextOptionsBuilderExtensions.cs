using Microsoft.EntityFrameworkCore;

namespace Invorto.Infrastructure.Persistence;

internal static class DbContextOptionsBuilderExtensions
{
    public static DbContextOptionsBuilder UseInvortoPostgres(this DbContextOptionsBuilder builder, string dbUrl) =>
        builder.UseNpgsql(
                PostgresConnectionString.FromDbUrl(dbUrl),
                npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history").EnableRetryOnFailure(3))
            .UseSnakeCaseNamingConvention();

    public static DbContextOptionsBuilder UseInvortoSqlite(this DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseSqlite(connectionString, sqlite => sqlite.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();
}
