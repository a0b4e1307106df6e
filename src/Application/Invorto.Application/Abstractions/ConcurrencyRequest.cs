using Invorto.Domain.Concurrency;

namespace Invorto.Application.Abstractions;

/// <summary>What a call asks the limiter for before anything is dialled.</summary>
/// <param name="Slot">The call's slot, normally <see cref="SlotId.ForCall"/> of the call id.</param>
/// <param name="TenantId">The call's tenant.</param>
/// <param name="CampaignId">The campaign for campaign calls; null for direct and inbound calls.</param>
/// <param name="TenantLimit">The tenant's own concurrency cap, when it has one; overrides the policy's default tenant limit.</param>
public sealed record ConcurrencyRequest(SlotId Slot, Guid TenantId, Guid? CampaignId = null, int? TenantLimit = null);
