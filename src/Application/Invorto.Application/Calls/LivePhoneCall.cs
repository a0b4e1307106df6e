using Invorto.Application.Telephony;
using Invorto.Domain.Calls;

namespace Invorto.Application.Calls;

/// <summary>A tenant's call in progress at a telephony provider, with that provider and the provider's id of the call.</summary>
public sealed record LivePhoneCall(Call Call, ITelephonyProvider Provider, string ProviderCallId);
