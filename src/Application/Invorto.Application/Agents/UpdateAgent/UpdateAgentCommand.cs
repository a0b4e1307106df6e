using System.Text.Json;

namespace Invorto.Application.Agents.UpdateAgent;

/// <summary>
/// Records a new version of an agent. <paramref name="Name"/> replaces the name when given;
/// <paramref name="ConfigPatch"/> is a JSON Merge Patch (RFC 7396) over the current configuration.
/// </summary>
public sealed record UpdateAgentCommand(Guid TenantId, Guid AgentId, string? Name, JsonElement? ConfigPatch);
