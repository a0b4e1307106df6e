using System.Text.Json;
using System.Text.Json.Serialization;

namespace Invorto.Application.Telephony.ApplyCallStatus;

/// <summary>
/// The carrier's side of a call as <c>GET /v1/calls/{id}</c> shows it under <c>carrier</c>: the last SIP status and
/// reason a status callback reported and the trunk. A callback that leaves a fact out keeps the one known before.
/// </summary>
public sealed record CarrierFacts(
    [property: JsonPropertyName("sipStatus")] int? SipStatus,
    [property: JsonPropertyName("sipReason")] string? SipReason,
    [property: JsonPropertyName("trunk")] string? Trunk)
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public bool IsEmpty => SipStatus is null && SipReason is null && Trunk is null;

    public static CarrierFacts Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new CarrierFacts(null, null, null);
        }

        try
        {
            return JsonSerializer.Deserialize<CarrierFacts>(json, Json) ?? new CarrierFacts(null, null, null);
        }
        catch (JsonException)
        {
            return new CarrierFacts(null, null, null);
        }
    }

    public CarrierFacts With(CallStatusReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new CarrierFacts(
            report.SipStatus ?? SipStatus,
            string.IsNullOrWhiteSpace(report.SipReason) ? SipReason : report.SipReason.Trim(),
            string.IsNullOrWhiteSpace(report.Trunk) ? Trunk : report.Trunk.Trim());
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
