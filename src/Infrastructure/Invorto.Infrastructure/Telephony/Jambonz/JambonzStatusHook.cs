using System.Text.Json.Serialization;

namespace Invorto.Infrastructure.Telephony.Jambonz;

/// <summary>The body of Jambonz's <c>call_status_hook</c> (snake_case on the wire), the fields we use.</summary>
public sealed record JambonzStatusHook(
    [property: JsonPropertyName("call_sid")] string? CallSid,
    [property: JsonPropertyName("call_status")] string? CallStatus,
    [property: JsonPropertyName("sip_status")] int? SipStatus,
    [property: JsonPropertyName("sip_reason")] string? SipReason,
    [property: JsonPropertyName("duration")] int? Duration,
    [property: JsonPropertyName("direction")] string? Direction,
    [property: JsonPropertyName("originating_sip_trunk_name")] string? TrunkName = null);
