namespace Invorto.Application.Agents.GetAgent;

/// <summary>An agent of the tenant at <paramref name="Version"/>, or at its current version when null.</summary>
public sealed record GetAgentQuery(Guid TenantId, Guid AgentId, int? Version);
