using Invorto.Domain.Calls;

namespace Invorto.Application.Telephony;

/// <summary>A provider's status callback, translated to our terms by its adapter.</summary>
/// <param name="Provider">The provider's name as stored on calls (<c>jambonz</c>, <c>twilio</c>).</param>
/// <param name="ProviderCallId">The provider's id of the call (Jambonz <c>call_sid</c>, Twilio <c>CallSid</c>).</param>
/// <param name="Status">The mapped status; null when the provider sent a status we do not track.</param>
/// <param name="Trunk">The SIP trunk the call came in or went out on, when the provider names it.</param>
public sealed record CallStatusReport(
    string Provider,
    string ProviderCallId,
    CallStatus? Status,
    string RawStatus,
    int? SipStatus,
    string? SipReason,
    int? DurationSec,
    string? Trunk = null);
