namespace Invorto.Application.Calls.GetMetrics;

/// <summary>Per-day call totals between two UTC dates, both inclusive, as <c>yyyy-MM-dd</c>; the last 7 days when omitted.</summary>
public sealed record GetMetricsQuery(Guid TenantId, string? From, string? To)
{
    public const int DefaultDays = 7;
    public const int MaxDays = 366;
}
