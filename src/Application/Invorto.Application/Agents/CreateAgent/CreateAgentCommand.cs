using System.Text.Json;

namespace Invorto.Application.Agents.CreateAgent;

/// <summary>Creates version 1 of a new agent. <paramref name="Config"/> is the JSON object of spec §3.</summary>
public sealed record CreateAgentCommand(Guid TenantId, string? Name, JsonElement? Config);
