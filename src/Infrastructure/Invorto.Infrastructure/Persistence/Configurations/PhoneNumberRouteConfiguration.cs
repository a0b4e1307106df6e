using Invorto.Domain.Agents;
using Invorto.Domain.Telephony;
using Invorto.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Invorto.Infrastructure.Persistence.Configurations;

internal sealed class PhoneNumberRouteConfiguration : IEntityTypeConfiguration<PhoneNumberRoute>
{
    public void Configure(EntityTypeBuilder<PhoneNumberRoute> builder)
    {
        builder.ToTable("phone_numbers");
        builder.HasKey(route => route.Id);
        builder.Property(route => route.Id).ValueGeneratedNever();
        builder.Property(route => route.Number)
            .HasConversion(number => number.Value, value => PhoneNumber.Parse(value))
            .HasMaxLength(16)
            .IsRequired();

        // One owner per number across all tenants: inbound routing depends on it, and it decides racing registrations.
        builder.HasIndex(route => route.Number).IsUnique();
        builder.HasIndex(route => route.TenantId);
        builder.Property(route => route.Provider)
            .HasConversion(provider => provider.ToString().ToLowerInvariant(), value => Enum.Parse<TelephonyProviderKind>(value, true))
            .HasMaxLength(16);

        builder.HasOne<Tenant>().WithMany().HasForeignKey(route => route.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Agent>().WithMany().HasForeignKey(route => route.AgentId).OnDelete(DeleteBehavior.Restrict);
    }
}
