using Invorto.Domain.Common;

namespace Invorto.Domain.Agents;

/// <summary>A voice agent of one tenant: a name and a history of immutable configuration versions.</summary>
public sealed class Agent : IAggregateRoot
{
    public const int MaxNameLength = 200;

    private readonly List<AgentVersion> _versions = [];

    private Agent(Guid id, Guid tenantId, string name, DateTimeOffset createdAt)
    {
        Id = id;
        TenantId = tenantId;
        Name = name;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Name { get; private set; }

    public int CurrentVersion { get; private set; }

    public DateTimeOffset? ArchivedAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>The versions loaded with the agent (a specification decides which).</summary>
    public IReadOnlyList<AgentVersion> Versions => _versions;

    public bool IsArchived => ArchivedAt is not null;

    public static Agent Create(Guid id, Guid tenantId, string name, string configJson, DateTimeOffset now)
    {
        var agent = new Agent(id, tenantId, NormalizeName(name), now);
        agent.AddVersion(configJson, now);
        return agent;
    }

    /// <summary>Records a new immutable version; the name is agent-wide and not versioned.</summary>
    public AgentVersion Revise(string? name, string configJson, DateTimeOffset now)
    {
        if (IsArchived)
        {
            throw new DomainException("An archived agent cannot be changed.");
        }

        if (name is not null)
        {
            Name = NormalizeName(name);
        }

        UpdatedAt = now;
        return AddVersion(configJson, now);
    }

    public void Archive(DateTimeOffset now)
    {
        ArchivedAt ??= now;
        UpdatedAt = now;
    }

    public AgentVersion? FindVersion(int version) => _versions.Find(v => v.Version == version);

    private AgentVersion AddVersion(string configJson, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(configJson))
        {
            throw new DomainException("An agent version needs a configuration.");
        }

        CurrentVersion++;
        var version = new AgentVersion(Id, CurrentVersion, configJson, now);
        _versions.Add(version);
        return version;
    }

    private static string NormalizeName(string name)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length is 0 or > MaxNameLength)
        {
            throw new DomainException($"An agent name has 1 to {MaxNameLength} characters.");
        }

        return trimmed;
    }
}
