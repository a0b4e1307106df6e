using Invorto.Domain.Agents;
using Invorto.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Invorto.Infrastructure.Persistence.Configurations;

internal sealed class AgentConfiguration : IEntityTypeConfiguration<Agent>
{
    public void Configure(EntityTypeBuilder<Agent> builder)
    {
        builder.ToTable("agents");
        builder.HasKey(agent => agent.Id);
        builder.Property(agent => agent.Id).ValueGeneratedNever();
        builder.Property(agent => agent.Name).HasMaxLength(Agent.MaxNameLength).IsRequired();
        builder.Ignore(agent => agent.IsArchived);
        builder.HasIndex(agent => new { agent.TenantId, agent.CreatedAt }).IsDescending(false, true);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(agent => agent.TenantId).OnDelete(DeleteBehavior.Cascade);

        builder.HasMany(agent => agent.Versions).WithOne().HasForeignKey(version => version.AgentId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(agent => agent.Versions).HasField("_versions").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
