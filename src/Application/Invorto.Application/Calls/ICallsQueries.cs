using Invorto.Application.Calls.GetCall;
using Invorto.Application.Calls.GetCallTimeline;
using Invorto.Application.Calls.GetMetrics;
using Invorto.Application.Calls.ListCalls;

namespace Invorto.Application.Calls;

/// <summary>Read port for calls: no-tracking projections, keyset pagination and per-day aggregates, implemented in Infrastructure.</summary>
public interface ICallsQueries
{
    /// <summary>
    /// Up to <see cref="CallPageRequest.Take"/> of the tenant's calls matching the filters, ordered by creation time then id,
    /// both descending, strictly after the request's position when it has one.
    /// </summary>
    Task<IReadOnlyList<CallListItem>> ListAsync(CallPageRequest request, CancellationToken cancellationToken);

    /// <summary>The call with its costs and the agent configuration it started with; null when the tenant has no such call.</summary>
    Task<CallDetailView?> FindAsync(Guid tenantId, Guid callId, CancellationToken cancellationToken);

    /// <summary>The call's timeline ordered by timestamp then id; null when the tenant has no such call.</summary>
    Task<IReadOnlyList<CallEventView>?> TimelineAsync(Guid tenantId, Guid callId, CancellationToken cancellationToken);

    /// <summary>Per UTC day of <c>created_at</c> in [<paramref name="fromInclusive"/>, <paramref name="toExclusive"/>): calls, seconds and cost; days without calls are absent.</summary>
    Task<IReadOnlyList<DailyCallTotals>> DailyTotalsAsync(Guid tenantId, DateOnly fromInclusive, DateOnly toExclusive, CancellationToken cancellationToken);
}
