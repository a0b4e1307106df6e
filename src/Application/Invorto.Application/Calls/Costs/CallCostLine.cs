using Invorto.Domain.Calls;

namespace Invorto.Application.Calls.Costs;

/// <summary>One provider's share of a call before it is stored: minutes or units used and what they cost in rupees.</summary>
public sealed record CallCostLine(CallCostType Type, string Provider, decimal? Minutes, decimal? Units, decimal CostInr);
