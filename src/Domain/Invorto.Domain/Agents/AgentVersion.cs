namespace Invorto.Domain.Agents;

/// <summary>One immutable configuration of an agent. Calls remember the version they ran with.</summary>
public sealed class AgentVersion
{
    internal AgentVersion(Guid agentId, int version, string configJson, DateTimeOffset createdAt)
    {
        AgentId = agentId;
        Version = version;
        ConfigJson = configJson;
        CreatedAt = createdAt;
    }

    public Guid AgentId { get; private set; }

    public int Version { get; private set; }

    /// <summary>The agent configuration as a JSON object (spec §3), validated by the use case before it gets here.</summary>
    public string ConfigJson { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
}
