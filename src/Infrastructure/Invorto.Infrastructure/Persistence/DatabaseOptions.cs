using Microsoft.Extensions.Configuration;

namespace Invorto.Infrastructure.Persistence;

public sealed class DatabaseOptions
{
    /// <summary>A <c>postgres://user:pass@host:5432/db</c> URL or an Npgsql connection string; unset means embedded SQLite.</summary>
    [ConfigurationKeyName("DB_URL")]
    public string? DbUrl { get; set; }

    /// <summary>Apply EF migrations at start-up. Null means: yes in the embedded mode, no otherwise.</summary>
    [ConfigurationKeyName("MIGRATE_ON_START")]
    public bool? MigrateOnStart { get; set; }

    [ConfigurationKeyName("INVORTO_DATA_DIR")]
    public string DataDir { get; set; } = "./data";

    public bool UsesPostgres => !string.IsNullOrWhiteSpace(DbUrl);

    public bool ShouldMigrateOnStart => MigrateOnStart ?? !UsesPostgres;
}
