using Invorto.Domain.Common;

namespace Invorto.Domain.Telephony;

/// <summary>A phone number a tenant owns and the agent that answers calls to it. A number belongs to at most one tenant.</summary>
public sealed class PhoneNumberRoute : IAggregateRoot
{
    private PhoneNumberRoute(Guid id, Guid tenantId, PhoneNumber number, Guid agentId, TelephonyProviderKind provider, DateTimeOffset createdAt)
    {
        Id = id;
        TenantId = tenantId;
        Number = number;
        AgentId = agentId;
        Provider = provider;
        CreatedAt = createdAt;
    }

    // For EF Core.
    private PhoneNumberRoute()
    {
        Number = null!;
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public PhoneNumber Number { get; private set; }

    public Guid AgentId { get; private set; }

    public TelephonyProviderKind Provider { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static PhoneNumberRoute Create(Guid id, Guid tenantId, PhoneNumber number, Guid agentId, TelephonyProviderKind provider, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(number);
        if (tenantId == Guid.Empty || agentId == Guid.Empty)
        {
            throw new DomainException("A number route needs a tenant and an agent.");
        }

        if (!Enum.IsDefined(provider))
        {
            throw new DomainException($"Unknown telephony provider {provider}.");
        }

        return new PhoneNumberRoute(id, tenantId, number, agentId, provider, now);
    }
}
