using Invorto.Domain.Secrets;
using Invorto.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Invorto.Infrastructure.Persistence.Configurations;

internal sealed class TenantSecretConfiguration : IEntityTypeConfiguration<TenantSecret>
{
    public void Configure(EntityTypeBuilder<TenantSecret> builder)
    {
        builder.ToTable("tenant_secrets");
        builder.HasKey(secret => new { secret.TenantId, secret.Name });
        builder.Property(secret => secret.Name).HasMaxLength(TenantSecret.MaxNameLength);
        builder.Property(secret => secret.EncryptedValue).HasColumnName("value_enc").IsRequired();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(secret => secret.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
