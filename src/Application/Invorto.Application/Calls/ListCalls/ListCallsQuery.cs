namespace Invorto.Application.Calls.ListCalls;

/// <summary>
/// A page of the tenant's calls, newest first. Filters arrive as the client wrote them (wire names, UUIDs,
/// ISO-8601 timestamps) so the validator can name the one that is wrong; <paramref name="From"/> is inclusive,
/// <paramref name="To"/> exclusive, both on <c>created_at</c>.
/// </summary>
public sealed record ListCallsQuery(
    Guid TenantId,
    string? Status,
    string? Direction,
    string? AgentId,
    string? CampaignId,
    string? From,
    string? To,
    int? Limit,
    string? Cursor)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
}
