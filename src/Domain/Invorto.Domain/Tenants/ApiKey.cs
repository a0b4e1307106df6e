using Invorto.Domain.Common;

namespace Invorto.Domain.Tenants;

/// <summary>A credential of one tenant. Only the hash of the secret is kept.</summary>
public sealed class ApiKey : IAggregateRoot
{
    public const int MaxNameLength = 100;

    private ApiKey(Guid id, Guid tenantId, string name, string hash, ApiKeyRole role, DateTimeOffset createdAt)
    {
        Id = id;
        TenantId = tenantId;
        Name = name;
        Hash = hash;
        Role = role;
        Active = true;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Name { get; private set; }

    public string Hash { get; private set; }

    public ApiKeyRole Role { get; private set; }

    public bool Active { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? LastUsedAt { get; private set; }

    public static ApiKey Issue(Guid id, Guid tenantId, string name, ApiKeyRole role, ApiKeySecret secret, DateTimeOffset now)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length is 0 or > MaxNameLength)
        {
            throw new DomainException($"A key name has 1 to {MaxNameLength} characters.");
        }

        if (!Enum.IsDefined(role))
        {
            throw new DomainException($"Unknown role {role}.");
        }

        return new ApiKey(id, tenantId, trimmed, secret.Hash(), role, now);
    }

    public void Revoke() => Active = false;

    public void MarkUsed(DateTimeOffset at)
    {
        if (LastUsedAt is null || at > LastUsedAt)
        {
            LastUsedAt = at;
        }
    }
}
