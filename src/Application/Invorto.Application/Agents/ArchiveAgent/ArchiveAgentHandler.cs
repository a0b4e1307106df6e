using Invorto.Application.Abstractions;
using Invorto.Application.Agents.Specifications;
using Invorto.Application.Common;
using Invorto.Domain.Agents;

namespace Invorto.Application.Agents.ArchiveAgent;

/// <summary>No validator: the command carries only the caller's tenant and a route id.</summary>
public sealed class ArchiveAgentHandler(IRepository<Agent> agents, TimeProvider clock)
{
    /// <returns>When the agent was archived (the first time, for a repeated request).</returns>
    public async Task<Result<DateTimeOffset>> HandleAsync(ArchiveAgentCommand command, CancellationToken cancellationToken)
    {
        var agent = await agents.SingleOrDefaultAsync(new AgentByIdSpec(command.TenantId, command.AgentId), cancellationToken);
        if (agent is null)
        {
            return Error.NotFound("The agent");
        }

        if (!agent.IsArchived)
        {
            agent.Archive(clock.GetUtcNow());
            await agents.UpdateAsync(agent, cancellationToken);
        }

        return agent.ArchivedAt!.Value;
    }
}
