using Ardalis.Specification;
using Invorto.Domain.Agents;

namespace Invorto.Application.Agents.Specifications;

/// <summary>One agent of one tenant with its versions; another tenant's agent is simply not found.</summary>
public sealed class AgentByIdSpec : SingleResultSpecification<Agent>
{
    public AgentByIdSpec(Guid tenantId, Guid agentId) =>
        Query.Where(agent => agent.TenantId == tenantId && agent.Id == agentId)
            .Include(agent => agent.Versions);
}
