using Ardalis.Specification;
using Invorto.Domain.Calls;

namespace Invorto.Application.Calls.Specifications;

/// <summary>Ended calls without a summary that ended before <paramref name="cutoff"/> (their timeline is written by then), oldest first, with their timeline.</summary>
public sealed class EndedCallsAwaitingSummarySpec : Specification<Call>
{
    public EndedCallsAwaitingSummarySpec(DateTimeOffset cutoff, int batchSize) =>
        Query.Where(call => call.SummaryJson == null
                && call.EndedAt != null
                && call.EndedAt < cutoff
                && (call.Status == CallStatus.Completed || call.Status == CallStatus.Failed || call.Status == CallStatus.Busy
                    || call.Status == CallStatus.NoAnswer || call.Status == CallStatus.Canceled))
            .Include(call => call.Events)
            .OrderBy(call => call.EndedAt)
            .ThenBy(call => call.Id)
            .Take(batchSize);
}
