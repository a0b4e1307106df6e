namespace Invorto.Application.Agents.ListAgents;

/// <summary>An agent at its current version as a listing reads it; <see cref="UpdatedAt"/> is when that version was made.</summary>
public sealed record AgentListItem(
    Guid Id,
    int CurrentVersion,
    string Name,
    string ConfigJson,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ArchivedAt);
