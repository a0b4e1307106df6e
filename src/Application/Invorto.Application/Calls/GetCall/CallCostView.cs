using Invorto.Domain.Calls;

namespace Invorto.Application.Calls.GetCall;

/// <summary>One stored cost line of a call.</summary>
public sealed record CallCostView(CallCostType Type, string Provider, decimal? Minutes, decimal? Units, decimal CostInr);
