using System.Text.Json;
using Invorto.Application.Agents.Configuration;
using Invorto.Domain.Agents;

namespace Invorto.Application.Conversations;

/// <summary>Reads the configuration an agent version was stored with (normalized JSON, defaults filled in).</summary>
internal static class StoredAgentConfig
{
    public static AgentConfig Of(AgentVersion version) =>
        JsonSerializer.Deserialize<AgentConfig>(version.ConfigJson, AgentConfigParser.SerializerOptions)
        ?? throw new InvalidOperationException($"Version {version.Version} of agent {version.AgentId} has no configuration.");
}
