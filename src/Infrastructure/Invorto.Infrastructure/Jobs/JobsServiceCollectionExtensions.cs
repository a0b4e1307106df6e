using Hangfire;
using Hangfire.PostgreSql;
using Invorto.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Invorto.Infrastructure.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>Hangfire on PostgreSQL when <c>DB_URL</c> is set, otherwise on the process's shared in-memory storage.</summary>
    internal static IServiceCollection AddInvortoJobStorage(this IServiceCollection services, DatabaseOptions database, EmbeddedServices embedded)
    {
        // Configured lazily: PostgreSQL storage connects (and prepares its schema) when first resolved, not at registration.
        services.AddHangfire(configuration =>
        {
            configuration
                .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (database.UsesPostgres)
            {
                configuration.UsePostgreSqlStorage(
                    bootstrap => bootstrap.UseNpgsqlConnection(PostgresConnectionString.FromDbUrl(database.DbUrl!)),
                    new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = true });
            }
            else
            {
                configuration.UseStorage(embedded.JobStorage);
            }
        });
        return services;
    }

    /// <summary>Runs background jobs in this service (one worker per core; the jobs are I/O bound and short).</summary>
    public static IServiceCollection AddInvortoJobServer(this IServiceCollection services, string serviceName)
    {
        services.AddScoped<StaleCallReaperJob>();
        services.AddScoped<PostCallJob>();
        services.AddHostedService<RecurringJobsRegistration>();
        return services.AddHangfireServer(options =>
        {
            options.ServerName = $"{serviceName}:{Environment.MachineName}:{Environment.ProcessId}";
            options.WorkerCount = Math.Max(2, Environment.ProcessorCount);
        });
    }
}
