namespace Invorto.Application.Calls.GetMetrics;

/// <summary><c>{ "days": [...] }</c>, one entry per day of the range, oldest first, zeros on days without calls.</summary>
public sealed record MetricsDto(IReadOnlyList<DailyMetricsDto> Days);
