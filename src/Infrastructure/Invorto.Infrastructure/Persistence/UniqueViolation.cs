using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Invorto.Infrastructure.Persistence;

/// <summary>Recognises a unique or primary key violation in either provider.</summary>
internal static class UniqueViolation
{
    private const int SqlitePrimaryKeyViolation = 1555;
    private const int SqliteUniqueViolation = 2067;

    public static bool Caused(DbUpdateException exception) => exception.InnerException switch
    {
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is SqlitePrimaryKeyViolation or SqliteUniqueViolation,
        _ => false,
    };
}
