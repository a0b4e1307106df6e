using Invorto.Domain.Common;

namespace Invorto.Domain.Concurrency;

/// <summary>
/// The concurrency rules of spec §7: which scopes a call takes a slot in, how many slots each grants,
/// how long a slot lives without renewal, and how often a live call renews it.
/// </summary>
public sealed record ConcurrencyPolicy
{
    public static readonly TimeSpan MinSlotTtl = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxSlotTtl = TimeSpan.FromDays(1);

    public ConcurrencyPolicy(int globalLimit, int perCampaignLimit, TimeSpan slotTtl, int? perTenantLimit = null)
    {
        RequireLimit(globalLimit, "global");
        RequireLimit(perCampaignLimit, "per-campaign");
        if (perTenantLimit is { } tenantLimit)
        {
            RequireLimit(tenantLimit, "per-tenant");
        }

        if (slotTtl < MinSlotTtl || slotTtl > MaxSlotTtl)
        {
            throw new DomainException($"The slot TTL must be between {MinSlotTtl} and {MaxSlotTtl} (was {slotTtl}).");
        }

        if (slotTtl.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            // The stores score slots in whole milliseconds; a fraction would make the two implementations disagree.
            throw new DomainException($"The slot TTL must be a whole number of milliseconds (was {slotTtl}).");
        }

        GlobalLimit = globalLimit;
        PerCampaignLimit = perCampaignLimit;
        PerTenantLimit = perTenantLimit;
        SlotTtl = slotTtl;
    }

    public int GlobalLimit { get; }

    public int PerCampaignLimit { get; }

    /// <summary>The default cap per tenant; null means tenants are capped only when their request carries a limit.</summary>
    public int? PerTenantLimit { get; }

    /// <summary>How long a slot lives without renewal: the bound on how long a crashed holder keeps it.</summary>
    public TimeSpan SlotTtl { get; }

    /// <summary>A live call renews every third of the TTL, so two renewals can fail before the slot lapses.</summary>
    public TimeSpan RenewInterval => SlotTtl / 3;

    /// <summary>
    /// The scopes a call takes a slot in, in a fixed order (global, tenant, campaign): the global one always,
    /// the tenant's when a tenant limit applies (<paramref name="tenantLimit"/> overrides the policy's default),
    /// the campaign's for campaign calls.
    /// </summary>
    public IReadOnlyList<ConcurrencyScope> ScopesFor(Guid tenantId, Guid? campaignId, int? tenantLimit = null)
    {
        if (tenantId == Guid.Empty)
        {
            throw new DomainException("A call's scopes need its tenant id.");
        }

        var scopes = new List<ConcurrencyScope>(3) { ConcurrencyScope.Global(GlobalLimit) };
        if ((tenantLimit ?? PerTenantLimit) is { } limit)
        {
            scopes.Add(ConcurrencyScope.ForTenant(tenantId, limit));
        }

        if (campaignId is { } campaign)
        {
            scopes.Add(ConcurrencyScope.ForCampaign(campaign, PerCampaignLimit));
        }

        return scopes.AsReadOnly();
    }

    private static void RequireLimit(int limit, string what)
    {
        if (limit < 1)
        {
            throw new DomainException($"The {what} concurrency limit must be at least 1 (was {limit}).");
        }
    }
}
