using Invorto.Domain.Agents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Invorto.Infrastructure.Persistence.Configurations;

internal sealed class AgentVersionConfiguration : IEntityTypeConfiguration<AgentVersion>
{
    public void Configure(EntityTypeBuilder<AgentVersion> builder)
    {
        builder.ToTable("agent_versions");
        builder.HasKey(version => new { version.AgentId, version.Version });
        builder.Property(version => version.Version).ValueGeneratedNever();
        builder.Property(version => version.ConfigJson).HasColumnName("config").IsJson().IsRequired();
    }
}
