using Ardalis.Specification;
using Invorto.Domain.Calls;

namespace Invorto.Application.Calls.Specifications;

/// <summary>Calls still waiting to be answered (queued, dialing, ringing) that were created before <paramref name="cutoff"/>, oldest first.</summary>
public sealed class UnansweredCallsCreatedBeforeSpec : Specification<Call>
{
    public UnansweredCallsCreatedBeforeSpec(DateTimeOffset cutoff, int batchSize) =>
        Query.Where(call => call.CreatedAt < cutoff
                && (call.Status == CallStatus.Queued || call.Status == CallStatus.Dialing || call.Status == CallStatus.Ringing))
            .OrderBy(call => call.CreatedAt)
            .Take(batchSize);
}
