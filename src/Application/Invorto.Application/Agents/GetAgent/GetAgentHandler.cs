using AutoMapper;
using Invorto.Application.Abstractions;
using Invorto.Application.Agents.Specifications;
using Invorto.Application.Common;
using Invorto.Domain.Agents;

namespace Invorto.Application.Agents.GetAgent;

public sealed class GetAgentHandler(IReadRepository<Agent> agents, IMapper mapper)
{
    public async Task<Result<AgentDto>> HandleAsync(GetAgentQuery query, CancellationToken cancellationToken)
    {
        var agent = await agents.SingleOrDefaultAsync(new AgentByIdSpec(query.TenantId, query.AgentId), cancellationToken);
        if (agent is null)
        {
            return Error.NotFound("The agent");
        }

        var version = agent.FindVersion(query.Version ?? agent.CurrentVersion);
        return version is null
            ? Error.NotFound($"Version {query.Version} of the agent")
            : mapper.Map<AgentDto>(new AgentVersionView(agent, version));
    }
}
