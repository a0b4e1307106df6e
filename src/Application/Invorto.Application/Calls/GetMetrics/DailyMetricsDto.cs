namespace Invorto.Application.Calls.GetMetrics;

/// <summary>One day of <c>GET /v1/metrics</c>: <see cref="Minutes"/> is the summed duration in minutes, to 2 decimals.</summary>
public sealed record DailyMetricsDto(DateOnly Date, int Calls, decimal Minutes, decimal CostInr);
