using Invorto.Domain.Calls;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Invorto.Infrastructure.Persistence.Configurations;

internal sealed class CallEventConfiguration : IEntityTypeConfiguration<CallEvent>
{
    public void Configure(EntityTypeBuilder<CallEvent> builder)
    {
        builder.ToTable("call_events");
        builder.HasKey(entry => entry.Id);
        builder.Property(entry => entry.Id).ValueGeneratedOnAdd();
        builder.Property(entry => entry.Kind).HasMaxLength(64).IsRequired();
        builder.Property(entry => entry.PayloadJson).HasColumnName("payload").IsJson();
        builder.HasIndex(entry => new { entry.CallId, entry.Ts });
    }
}
