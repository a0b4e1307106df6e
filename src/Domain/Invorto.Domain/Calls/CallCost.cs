using Invorto.Domain.Common;

namespace Invorto.Domain.Calls;

/// <summary>One provider's share of a call's cost, in INR.</summary>
public sealed class CallCost
{
    public CallCost(Guid id, Guid callId, CallCostType type, string provider, decimal? minutes, decimal? units, decimal costInr)
    {
        if (costInr < 0 || minutes < 0 || units < 0)
        {
            throw new DomainException("Costs, minutes and units are never negative.");
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        Id = id;
        CallId = callId;
        Type = type;
        Provider = provider;
        Minutes = minutes;
        Units = units;
        CostInr = decimal.Round(costInr, 4);
    }

    public Guid Id { get; private set; }

    public Guid CallId { get; private set; }

    public CallCostType Type { get; private set; }

    public string Provider { get; private set; }

    public decimal? Minutes { get; private set; }

    public decimal? Units { get; private set; }

    public decimal CostInr { get; private set; }
}
