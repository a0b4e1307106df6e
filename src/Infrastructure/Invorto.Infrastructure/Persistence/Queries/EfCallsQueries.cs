using Invorto.Application.Calls;
using Invorto.Application.Calls.GetCall;
using Invorto.Application.Calls.GetCallTimeline;
using Invorto.Application.Calls.GetMetrics;
using Invorto.Application.Calls.ListCalls;
using Invorto.Infrastructure.Persistence.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Invorto.Infrastructure.Persistence.Queries;

/// <summary>
/// Call listings as a keyset over (created_at, id) descending, served by the (tenant_id, created_at desc) index;
/// details and timelines as no-tracking projections; daily totals grouped in SQL.
/// </summary>
internal sealed class EfCallsQueries(InvortoDbContext db) : ICallsQueries
{
    public async Task<IReadOnlyList<CallListItem>> ListAsync(CallPageRequest request, CancellationToken cancellationToken)
    {
        var filter = request.Filter;
        var calls = db.Calls.AsNoTracking().Where(call => call.TenantId == request.TenantId);
        if (filter.Status is { } status)
        {
            calls = calls.Where(call => call.Status == status);
        }

        if (filter.Direction is { } direction)
        {
            calls = calls.Where(call => call.Direction == direction);
        }

        if (filter.AgentId is { } agentId)
        {
            calls = calls.Where(call => call.AgentId == agentId);
        }

        if (filter.CampaignId is { } campaignId)
        {
            calls = calls.Where(call => call.CampaignId == campaignId);
        }

        if (filter.From is { } from)
        {
            calls = calls.Where(call => call.CreatedAt >= from);
        }

        if (filter.To is { } to)
        {
            calls = calls.Where(call => call.CreatedAt < to);
        }

        if (request is { AfterCreatedAt: { } createdAt, AfterId: { } id })
        {
            // The redundant bound is an index condition; the OR alone would make the scan start at the newest row.
            calls = calls
                .Where(call => call.CreatedAt <= createdAt)
                .Where(call => call.CreatedAt < createdAt || (call.CreatedAt == createdAt && call.Id.CompareTo(id) < 0));
        }

        return await calls
            .OrderByDescending(call => call.CreatedAt)
            .ThenByDescending(call => call.Id)
            .Take(request.Take)
            .Select(call => new CallListItem(
                call.Id,
                call.AgentId,
                call.AgentVersion,
                call.CampaignId,
                call.Direction,
                call.From,
                call.To,
                call.Provider,
                call.Status,
                call.CreatedAt,
                call.StartedAt,
                call.AnsweredAt,
                call.EndedAt,
                call.DurationSec,
                call.EndReason,
                call.CostInr,
                call.MetadataJson))
            .ToListAsync(cancellationToken);
    }

    public async Task<CallDetailView?> FindAsync(Guid tenantId, Guid callId, CancellationToken cancellationToken)
    {
        var row = await db.Calls.AsNoTracking()
            .Where(call => call.TenantId == tenantId && call.Id == callId)
            .Select(call => new
            {
                Call = new CallDetailView(
                    call.Id,
                    call.AgentId,
                    call.AgentVersion,
                    call.CampaignId,
                    call.Direction,
                    call.From,
                    call.To,
                    call.Provider,
                    call.ProviderCallId,
                    call.Status,
                    call.CreatedAt,
                    call.StartedAt,
                    call.AnsweredAt,
                    call.EndedAt,
                    call.DurationSec,
                    call.EndReason,
                    call.CostInr,
                    Array.Empty<CallCostView>(),
                    call.UsageJson,
                    call.SummaryJson,
                    call.CarrierJson,
                    null,
                    call.MetadataJson),
                AgentConfigJson = db.AgentVersions
                    .Where(version => version.AgentId == call.AgentId && version.Version == call.AgentVersion)
                    .Select(version => version.ConfigJson)
                    .FirstOrDefault(),

                // In the same statement as the call's row, so cost_inr, usage and the lines always come from one snapshot
                // (a call settled between two queries showed its cost lines beside the usage of before).
                Costs = db.CallCosts
                    .Where(cost => cost.CallId == call.Id)
                    .OrderBy(cost => cost.Type)
                    .ThenBy(cost => cost.Provider)
                    .Select(cost => new CallCostView(cost.Type, cost.Provider, cost.Minutes, cost.Units, cost.CostInr))
                    .ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        return row.Call with { Costs = row.Costs, AgentConfigJson = row.AgentConfigJson };
    }

    public async Task<IReadOnlyList<CallEventView>?> TimelineAsync(Guid tenantId, Guid callId, CancellationToken cancellationToken)
    {
        if (!await db.Calls.AsNoTracking().AnyAsync(call => call.TenantId == tenantId && call.Id == callId, cancellationToken))
        {
            return null;
        }

        return await db.CallEvents.AsNoTracking()
            .Where(entry => entry.CallId == callId)
            .OrderBy(entry => entry.Ts)
            .ThenBy(entry => entry.Id)
            .Select(entry => new CallEventView(entry.Id, entry.Ts, entry.Kind, entry.PayloadJson))
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<DailyCallTotals>> DailyTotalsAsync(Guid tenantId, DateOnly fromInclusive, DateOnly toExclusive, CancellationToken cancellationToken)
    {
        var from = new DateTimeOffset(fromInclusive.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var to = new DateTimeOffset(toExclusive.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var calls = db.Calls.AsNoTracking().Where(call => call.TenantId == tenantId && call.CreatedAt >= from && call.CreatedAt < to);

        if (db is SqliteInvortoDbContext)
        {
            // SQLite stores DateTimeOffset as a binary long, which has no day in SQL: the embedded mode sums in memory.
            var rows = await calls.Select(call => new { call.CreatedAt, call.DurationSec, call.CostInr }).ToListAsync(cancellationToken);
            return [.. rows
                .GroupBy(row => DateOnly.FromDateTime(row.CreatedAt.UtcDateTime))
                .OrderBy(day => day.Key)
                .Select(day => new DailyCallTotals(day.Key, day.Count(), day.Sum(row => (long)(row.DurationSec ?? 0)), day.Sum(row => row.CostInr)))];
        }

        // PostgreSQL: DateTimeOffset.Date is date_trunc('day', created_at AT TIME ZONE 'UTC').
        var days = await calls
            .GroupBy(call => call.CreatedAt.Date)
            .Select(day => new
            {
                Day = day.Key,
                Calls = day.Count(),
                DurationSec = day.Sum(call => (long)(call.DurationSec ?? 0)),
                CostInr = day.Sum(call => call.CostInr),
            })
            .OrderBy(day => day.Day)
            .ToListAsync(cancellationToken);

        return [.. days.Select(day => new DailyCallTotals(DateOnly.FromDateTime(day.Day), day.Calls, day.DurationSec, day.CostInr))];
    }
}
