using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Invorto.Infrastructure.Persistence.Sqlite;

/// <summary>Embedded default database (spec §11). SQLite cannot order or compare <see cref="DateTimeOffset"/> or decimals, so both are stored as numbers.</summary>
public sealed class SqliteInvortoDbContext(DbContextOptions<SqliteInvortoDbContext> options) : InvortoDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<decimal>().HaveConversion<double>();
    }
}
