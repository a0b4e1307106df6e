using Invorto.Domain.Telephony;

namespace Invorto.Application.Telephony;

/// <summary>What a provider needs to dial: who, from where, and where to send its hooks.</summary>
public sealed record PlaceCallRequest(Guid CallId, Guid TenantId, Guid? CampaignId, PhoneNumber From, PhoneNumber To, TimeSpan RingTimeout);
