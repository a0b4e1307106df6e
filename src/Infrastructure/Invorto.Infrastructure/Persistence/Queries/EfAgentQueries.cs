using Invorto.Application.Agents.ListAgents;
using Microsoft.EntityFrameworkCore;

namespace Invorto.Infrastructure.Persistence.Queries;

/// <summary>Agent listings as a keyset over (created_at, id) descending; served by the (tenant_id, created_at) index.</summary>
internal sealed class EfAgentQueries(InvortoDbContext db) : IAgentQueries
{
    public async Task<IReadOnlyList<AgentListItem>> ListAsync(AgentPageRequest request, CancellationToken cancellationToken)
    {
        var agents = db.Agents.AsNoTracking().Where(agent => agent.TenantId == request.TenantId);
        if (!request.IncludeArchived)
        {
            agents = agents.Where(agent => agent.ArchivedAt == null);
        }

        if (request.NameContains is { } name)
        {
#pragma warning disable CA1862, CA1304, CA1311 // translated to SQL lower(); the culture overloads are not translatable
            var lowered = name.ToLowerInvariant();
            agents = agents.Where(agent => agent.Name.ToLower().Contains(lowered));
#pragma warning restore CA1862, CA1304, CA1311
        }

        if (request is { AfterCreatedAt: { } createdAt, AfterId: { } id })
        {
            agents = agents.Where(agent => agent.CreatedAt < createdAt || (agent.CreatedAt == createdAt && agent.Id.CompareTo(id) < 0));
        }

        var rows = from agent in agents
                   join version in db.AgentVersions.AsNoTracking()
                       on new { AgentId = agent.Id, Version = agent.CurrentVersion } equals new { version.AgentId, version.Version }
                   orderby agent.CreatedAt descending, agent.Id descending
                   select new AgentListItem(agent.Id, agent.CurrentVersion, agent.Name, version.ConfigJson, agent.CreatedAt, version.CreatedAt, agent.ArchivedAt);

        return await rows.Take(request.Take).ToListAsync(cancellationToken);
    }
}
