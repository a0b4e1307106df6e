namespace Invorto.Application.Agents.ArchiveAgent;

/// <summary>Archives an agent: it stays readable by id but leaves listings and cannot be changed. Archiving twice is harmless.</summary>
public sealed record ArchiveAgentCommand(Guid TenantId, Guid AgentId);
