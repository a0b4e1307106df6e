using Invorto.Domain.Calls;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Invorto.Infrastructure.Persistence.Configurations;

internal sealed class CallCostConfiguration : IEntityTypeConfiguration<CallCost>
{
    public void Configure(EntityTypeBuilder<CallCost> builder)
    {
        builder.ToTable("call_costs");
        builder.HasKey(cost => cost.Id);
        builder.Property(cost => cost.Id).ValueGeneratedNever();
        builder.Property(cost => cost.Type)
            .HasConversion(type => type.ToString().ToLowerInvariant(), value => Enum.Parse<CallCostType>(value, true))
            .HasMaxLength(16);
        builder.Property(cost => cost.Provider).HasMaxLength(64).IsRequired();
        builder.Property(cost => cost.Minutes).HasPrecision(12, 4);
        builder.Property(cost => cost.Units).HasPrecision(18, 4);
        builder.Property(cost => cost.CostInr).HasPrecision(12, 4);
        builder.HasIndex(cost => cost.CallId);
    }
}
