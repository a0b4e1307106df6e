namespace Invorto.Application.Calls.GetMetrics;

/// <summary>One UTC day of a tenant's calls: how many, their total billed seconds and their cost.</summary>
public sealed record DailyCallTotals(DateOnly Date, int Calls, long DurationSec, decimal CostInr);
