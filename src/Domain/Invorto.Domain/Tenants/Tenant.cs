using Invorto.Domain.Common;

namespace Invorto.Domain.Tenants;

/// <summary>A customer organisation; every row of the platform belongs to one.</summary>
public sealed class Tenant : IAggregateRoot
{
    public const int MaxNameLength = 100;
    public const int MaxAllowedToolHosts = 100;

    private Tenant(Guid id, string name, DateTimeOffset createdAt)
    {
        Id = id;
        Name = name;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Spend cap in INR per UTC day; null means no cap.</summary>
    public decimal? DailySpendCapInr { get; private set; }

    /// <summary>Tenant-specific cap on simultaneous calls; null means the platform default.</summary>
    public int? MaxConcurrentCalls { get; private set; }

    public string[] AllowedToolHosts { get; private set; } = [];

    /// <summary>Sets the tenant's own caps; null removes a cap.</summary>
    public void ChangeLimits(decimal? dailySpendCapInr, int? maxConcurrentCalls)
    {
        if (dailySpendCapInr < 0)
        {
            throw new DomainException("A daily spend cap is not negative.");
        }

        if (maxConcurrentCalls < 1)
        {
            throw new DomainException("A concurrent-call cap is at least 1.");
        }

        DailySpendCapInr = dailySpendCapInr;
        MaxConcurrentCalls = maxConcurrentCalls;
    }

    /// <summary>Replaces the hosts the tenant's tools may call; an empty list allows every public host.</summary>
    public void ChangeAllowedToolHosts(IEnumerable<string> hosts)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        var list = hosts.Select(host => host?.Trim().ToLowerInvariant() ?? string.Empty).Distinct(StringComparer.Ordinal).ToArray();
        if (list.Length > MaxAllowedToolHosts || list.Any(host => host.Length is 0 or > 253))
        {
            throw new DomainException($"A tenant allows at most {MaxAllowedToolHosts} tool hosts of 1 to 253 characters.");
        }

        AllowedToolHosts = list;
    }

    public static Tenant Create(Guid id, string name, DateTimeOffset now)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        if (trimmed.Length is 0 or > MaxNameLength)
        {
            throw new DomainException($"A tenant name has 1 to {MaxNameLength} characters.");
        }

        return new Tenant(id, trimmed, now);
    }
}
