using Invorto.Domain.Audit;
using Invorto.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Invorto.Infrastructure.Persistence.Configurations;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("audit_events");
        builder.HasKey(entry => entry.Id);
        builder.Property(entry => entry.Id).ValueGeneratedNever();
        builder.Property(entry => entry.Action).HasMaxLength(AuditEvent.MaxActionLength).IsRequired();
        builder.Property(entry => entry.TargetType).HasMaxLength(AuditEvent.MaxTargetTypeLength).IsRequired();
        builder.Property(entry => entry.TargetId).HasMaxLength(AuditEvent.MaxTargetIdLength).IsRequired();

        // Ids are UUID v7: a tenant's trail in time order is (tenant_id, id).
        builder.HasIndex(entry => new { entry.TenantId, entry.Id });

        // No key foreign key: the trail outlives keys and must not stop anything from changing.
        builder.HasOne<Tenant>().WithMany().HasForeignKey(entry => entry.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
