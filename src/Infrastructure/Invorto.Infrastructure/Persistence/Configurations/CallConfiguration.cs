using Invorto.Domain.Agents;
using Invorto.Domain.Calls;
using Invorto.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Invorto.Infrastructure.Persistence.Configurations;

internal sealed class CallConfiguration : IEntityTypeConfiguration<Call>
{
    public void Configure(EntityTypeBuilder<Call> builder)
    {
        builder.ToTable("calls");
        builder.HasKey(call => call.Id);
        builder.Property(call => call.Id).ValueGeneratedNever();
        builder.Property(call => call.Direction)
            .HasConversion(direction => direction.ToString().ToLowerInvariant(), value => Enum.Parse<CallDirection>(value, true))
            .HasMaxLength(16);
        builder.Property(call => call.Status)
            .HasConversion(status => status.ToName(), value => CallStatusNames.Parse(value))
            .HasMaxLength(16);
        builder.Property(call => call.From).HasColumnName("from_num").HasMaxLength(64).IsRequired();
        builder.Property(call => call.To).HasColumnName("to_num").HasMaxLength(64).IsRequired();
        builder.Property(call => call.Provider).HasMaxLength(32).IsRequired();
        builder.Property(call => call.ProviderCallId).HasMaxLength(128);
        builder.Property(call => call.EndReason).HasMaxLength(64);
        builder.Property(call => call.CostInr).HasPrecision(12, 2);
        builder.Property(call => call.CarrierJson).HasColumnName("carrier").IsJson();
        builder.Property(call => call.UsageJson).HasColumnName("usage").IsJson();
        builder.Property(call => call.SummaryJson).HasColumnName("summary").IsJson();
        builder.Property(call => call.MetadataJson).HasColumnName("metadata").IsJson();
        builder.Property(call => call.ExternalRef).HasMaxLength(200);

        builder.HasIndex(call => new { call.TenantId, call.CreatedAt }).IsDescending(false, true);
        builder.HasIndex(call => new { call.TenantId, call.Status });
        builder.HasIndex(call => new { call.Provider, call.ProviderCallId }).IsUnique();

        builder.HasOne<Tenant>().WithMany().HasForeignKey(call => call.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Agent>().WithMany().HasForeignKey(call => call.AgentId).OnDelete(DeleteBehavior.Restrict);

        builder.HasMany(call => call.Events).WithOne().HasForeignKey(entry => entry.CallId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(call => call.Events).HasField("_events").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(call => call.Costs).WithOne().HasForeignKey(cost => cost.CallId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(call => call.Costs).HasField("_costs").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
