using Invorto.Application.Common;
using Invorto.Domain.Tenants;

namespace Invorto.Application.Calls.SpendCap;

/// <summary>
/// The daily spend cap (spec §4): today's (UTC) spend is the cost of the calls the tenant created today. Reaching 80 %
/// and 100 % of the cap is recorded once per tenant and day; from 100 % on new calls are refused with
/// <c>quota_exceeded</c>. The cap is the tenant's own, else <c>DAILY_SPEND_CAP_INR</c>, else none.
/// </summary>
public sealed class SpendCapGuard(ISpendLedger ledger, SpendCapDefaults defaults, TimeProvider clock)
{
    public static IReadOnlyList<int> ThresholdsPercent { get; } = [80, 100];

    /// <summary>The thresholds of <see cref="ThresholdsPercent"/> that <paramref name="spentInr"/> has reached.</summary>
    public static IReadOnlyList<int> Reached(decimal spentInr, decimal capInr) =>
        [.. ThresholdsPercent.Where(percent => spentInr >= capInr * percent / 100m)];

    /// <summary>Null when the tenant may start another call today; a <c>quota_exceeded</c> error once the cap is reached.</summary>
    public async Task<Error?> CheckAsync(Tenant tenant, CancellationToken cancellationToken)
    {
        if ((tenant.DailySpendCapInr ?? defaults.DailySpendCapInr) is not { } cap)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        var dayStart = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var spent = await ledger.SpentAsync(tenant.Id, dayStart, dayStart.AddDays(1), cancellationToken);

        var reached = Reached(spent, cap);
        foreach (var percent in reached)
        {
            await ledger.RecordThresholdAsync(new SpendThresholdReached(tenant.Id, day, percent, spent, cap), cancellationToken);
        }

        return reached.Contains(100)
            ? Error.QuotaExceeded($"The tenant's daily spend cap of {cap:0.00} INR is reached ({spent:0.00} INR today, UTC); new calls resume tomorrow or with a higher cap.")
                with
            { RetryAfter = dayStart.AddDays(1) - now }
            : null;
    }
}
