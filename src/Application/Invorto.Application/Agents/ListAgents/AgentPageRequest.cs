namespace Invorto.Application.Agents.ListAgents;

/// <summary>What <see cref="IAgentQueries"/> reads: filters, the position after which to start, and how many rows.</summary>
public sealed record AgentPageRequest(
    Guid TenantId,
    string? NameContains,
    bool IncludeArchived,
    DateTimeOffset? AfterCreatedAt,
    Guid? AfterId,
    int Take);
