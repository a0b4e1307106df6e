using Invorto.Domain.Agents;
using Invorto.Domain.Audit;
using Invorto.Domain.Calls;
using Invorto.Domain.Common;
using Invorto.Domain.Secrets;
using Invorto.Domain.Telephony;
using Invorto.Domain.Tenants;
using Invorto.Infrastructure.Persistence.Idempotency;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Invorto.Infrastructure.Persistence;

/// <summary>
/// The platform's database. Provider-specific subclasses (<see cref="Postgres.PostgresInvortoDbContext"/>,
/// <see cref="Sqlite.SqliteInvortoDbContext"/>) exist so each provider keeps its own migration set. It also keeps the
/// Data Protection key ring that every host shares (<c>data_protection_keys</c>).
/// </summary>
public abstract class InvortoDbContext(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    internal const string JsonAnnotation = "Invorto:Json";

    public DbSet<Tenant> Tenants => Set<Tenant>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<Agent> Agents => Set<Agent>();

    public DbSet<AgentVersion> AgentVersions => Set<AgentVersion>();

    public DbSet<Call> Calls => Set<Call>();

    public DbSet<CallEvent> CallEvents => Set<CallEvent>();

    public DbSet<CallCost> CallCosts => Set<CallCost>();

    public DbSet<PhoneNumberRoute> PhoneNumbers => Set<PhoneNumberRoute>();

    public DbSet<TenantSecret> TenantSecrets => Set<TenantSecret>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    internal DbSet<IdempotencyRecord> IdempotencyKeys => Set<IdempotencyRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(InvortoDbContext).Assembly);
        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(entity => typeof(IHasDomainEvents).IsAssignableFrom(entity.ClrType)).ToList())
        {
            modelBuilder.Entity(entity.ClrType).Ignore(nameof(IHasDomainEvents.DomainEvents));
        }
    }
}
