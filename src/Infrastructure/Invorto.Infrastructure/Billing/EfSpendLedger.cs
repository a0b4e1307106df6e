using System.Globalization;
using System.Text.Json;
using Invorto.Application.Abstractions;
using Invorto.Application.Calls.SpendCap;
using Invorto.Domain.Calls;
using Invorto.Infrastructure.Persistence;
using Invorto.Infrastructure.Persistence.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Invorto.Infrastructure.Billing;

/// <summary>
/// Spend from <c>calls.cost_inr</c>. A threshold is recorded (decision: there is no audit or billing table yet) as a
/// timeline entry <c>spend_cap.80</c> / <c>spend_cap.100</c> on the tenant's latest call of the day, under the tenant's
/// lock so concurrent requests record it once; plus a warning log and <c>invorto_spend_cap_events_total{threshold}</c>.
/// The webhook outbox can turn these entries into <c>billing.usage.updated</c> events.
/// </summary>
internal sealed partial class EfSpendLedger(
    InvortoDbContext db,
    IUnitOfWork unitOfWork,
    ITenantLock tenantLock,
    SpendCapMetrics metrics,
    TimeProvider clock,
    ILogger<EfSpendLedger> logger) : ISpendLedger
{
    public const string EventKindPrefix = "spend_cap.";

    public async Task<decimal> SpentAsync(Guid tenantId, DateTimeOffset fromInclusive, DateTimeOffset toExclusive, CancellationToken cancellationToken)
    {
        var calls = db.Calls.AsNoTracking().Where(call => call.TenantId == tenantId && call.CreatedAt >= fromInclusive && call.CreatedAt < toExclusive);
        if (db is SqliteInvortoDbContext)
        {
            // SQLite cannot sum decimals in SQL.
            return (await calls.Select(call => call.CostInr).ToListAsync(cancellationToken)).Sum();
        }

        return await calls.SumAsync(call => call.CostInr, cancellationToken);
    }

    public async Task<bool> RecordThresholdAsync(SpendThresholdReached reached, CancellationToken cancellationToken)
    {
        var kind = EventKindPrefix + reached.ThresholdPercent.ToString(CultureInfo.InvariantCulture);
        var dayStart = new DateTimeOffset(reached.Day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var dayEnd = dayStart.AddDays(1);
        var recorded = await unitOfWork.InTransactionAsync(
            async ct =>
            {
                await tenantLock.LockAsync(reached.TenantId, ct);
                var todays = db.Calls.AsNoTracking().Where(call => call.TenantId == reached.TenantId && call.CreatedAt >= dayStart && call.CreatedAt < dayEnd);
                if (await db.CallEvents.AsNoTracking().AnyAsync(entry => entry.Kind == kind && todays.Any(call => call.Id == entry.CallId), ct))
                {
                    return false;
                }

                var latest = await todays.OrderByDescending(call => call.CreatedAt).Select(call => (Guid?)call.Id).FirstOrDefaultAsync(ct);
                if (latest is not { } callId)
                {
                    // A cap of 0 with no call today: nothing to hang the entry on; the log and metric below still say it.
                    return true;
                }

                var payload = JsonSerializer.Serialize(new
                {
                    threshold = reached.ThresholdPercent,
                    spentInr = reached.SpentInr,
                    capInr = reached.CapInr,
                    day = reached.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                });
                db.CallEvents.Add(new CallEvent(callId, clock.GetUtcNow(), kind, payload));
                await db.SaveChangesAsync(ct);
                return true;
            },
            cancellationToken);

        if (recorded)
        {
            metrics.Reached(reached.ThresholdPercent);
            LogThresholdReached(reached.TenantId, reached.ThresholdPercent, reached.SpentInr, reached.CapInr);
        }

        return recorded;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant {TenantId} reached {Threshold} % of its daily spend cap: {SpentInr} of {CapInr} INR today (UTC).")]
    private partial void LogThresholdReached(Guid tenantId, int threshold, decimal spentInr, decimal capInr);
}
