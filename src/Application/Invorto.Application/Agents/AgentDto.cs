using System.Text.Json;

namespace Invorto.Application.Agents;

/// <summary>An agent as the REST API shows it: one version's configuration.</summary>
public sealed record AgentDto(
    Guid Id,
    int Version,
    int CurrentVersion,
    string Name,
    JsonElement Config,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ArchivedAt);
