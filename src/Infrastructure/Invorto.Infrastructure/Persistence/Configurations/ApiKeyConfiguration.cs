using Invorto.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Invorto.Infrastructure.Persistence.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.ToTable("api_keys");
        builder.HasKey(key => key.Id);
        builder.Property(key => key.Id).ValueGeneratedNever();
        builder.Property(key => key.Name).HasMaxLength(ApiKey.MaxNameLength).IsRequired();
        builder.Property(key => key.Hash).HasMaxLength(64).IsRequired();
        builder.HasIndex(key => key.Hash).IsUnique();
        builder.HasIndex(key => key.TenantId);
        builder.Property(key => key.Role)
            .HasConversion(role => role.ToString().ToLowerInvariant(), value => Enum.Parse<ApiKeyRole>(value, true))
            .HasMaxLength(16);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(key => key.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
