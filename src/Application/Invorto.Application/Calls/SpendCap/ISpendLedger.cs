namespace Invorto.Application.Calls.SpendCap;

/// <summary>What a tenant spent on calls, and the durable record of the spend-cap thresholds it reached (spec §4).</summary>
public interface ISpendLedger
{
    /// <summary>Sum of <c>calls.cost_inr</c> of the tenant's calls created in [<paramref name="fromInclusive"/>, <paramref name="toExclusive"/>).</summary>
    Task<decimal> SpentAsync(Guid tenantId, DateTimeOffset fromInclusive, DateTimeOffset toExclusive, CancellationToken cancellationToken);

    /// <summary>
    /// Records that the tenant reached <paramref name="thresholdPercent"/> of its cap on <paramref name="day"/> (UTC), once:
    /// true when this call recorded it, false when it was already recorded that day (also under concurrent callers).
    /// </summary>
    Task<bool> RecordThresholdAsync(SpendThresholdReached reached, CancellationToken cancellationToken);
}
