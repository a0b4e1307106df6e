namespace Invorto.Application.Agents.ListAgents;

/// <summary>Read port for agent listings: no-tracking projections, keyset pagination, implemented in Infrastructure.</summary>
public interface IAgentQueries
{
    /// <summary>
    /// Up to <see cref="AgentPageRequest.Take"/> agents at their current version, ordered by creation time then id,
    /// both descending, strictly after the request's position when it has one.
    /// </summary>
    Task<IReadOnlyList<AgentListItem>> ListAsync(AgentPageRequest request, CancellationToken cancellationToken);
}
