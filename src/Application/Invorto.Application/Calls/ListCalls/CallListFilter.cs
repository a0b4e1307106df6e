using System.Globalization;
using Invorto.Domain.Calls;

namespace Invorto.Application.Calls.ListCalls;

/// <summary>The filters of a <see cref="ListCallsQuery"/>, parsed; only built from a query that passed <see cref="ListCallsValidator"/>.</summary>
public sealed record CallListFilter(
    CallStatus? Status,
    CallDirection? Direction,
    Guid? AgentId,
    Guid? CampaignId,
    DateTimeOffset? From,
    DateTimeOffset? To)
{
    private const DateTimeStyles TimestampStyles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;

    public static CallListFilter Of(ListCallsQuery query) => new(
        Blank(query.Status) ? null : CallStatusNames.Parse(query.Status!),
        Blank(query.Direction) ? null : ParseDirection(query.Direction!),
        Blank(query.AgentId) ? null : Guid.Parse(query.AgentId!, CultureInfo.InvariantCulture),
        Blank(query.CampaignId) ? null : Guid.Parse(query.CampaignId!, CultureInfo.InvariantCulture),
        Blank(query.From) ? null : ParseTimestamp(query.From!),
        Blank(query.To) ? null : ParseTimestamp(query.To!));

    /// <summary>A stable text of the filters, hashed into cursors so a cursor only continues the listing that made it.</summary>
    public string Canonical() => string.Create(
        CultureInfo.InvariantCulture,
        $"status={Status}\ndirection={Direction}\nagent={AgentId}\ncampaign={CampaignId}\nfrom={From?.UtcTicks}\nto={To?.UtcTicks}");

    public static bool IsStatus(string? value) => Blank(value) || CallStatusNames.TryParse(value, out _);

    public static bool IsDirection(string? value) => Blank(value) || TryParseDirection(value!, out _);

    public static bool IsGuid(string? value) => Blank(value) || Guid.TryParse(value, CultureInfo.InvariantCulture, out _);

    public static bool IsTimestamp(string? value) => Blank(value) || DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, TimestampStyles, out _);

    public static DateTimeOffset ParseTimestamp(string value) =>
        DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, TimestampStyles).ToUniversalTime();

    private static CallDirection ParseDirection(string value) =>
        TryParseDirection(value, out var direction) ? direction : throw new FormatException($"Unknown direction '{value}'.");

    private static bool TryParseDirection(string value, out CallDirection direction)
    {
        direction = value switch
        {
            "inbound" => CallDirection.Inbound,
            "outbound" => CallDirection.Outbound,
            "web" => CallDirection.Web,
            _ => (CallDirection)(-1),
        };
        return Enum.IsDefined(direction);
    }

    private static bool Blank(string? value) => string.IsNullOrWhiteSpace(value);
}
