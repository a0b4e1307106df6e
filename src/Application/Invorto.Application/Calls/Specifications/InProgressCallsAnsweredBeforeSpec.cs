using Ardalis.Specification;
using Invorto.Domain.Calls;

namespace Invorto.Application.Calls.Specifications;

/// <summary>Calls in progress that were answered before <paramref name="cutoff"/>, oldest answer first, one page of <paramref name="batchSize"/> after <paramref name="skip"/>.</summary>
public sealed class InProgressCallsAnsweredBeforeSpec : Specification<Call>
{
    public InProgressCallsAnsweredBeforeSpec(DateTimeOffset cutoff, int skip, int batchSize) =>
        Query.Where(call => call.Status == CallStatus.InProgress && call.AnsweredAt != null && call.AnsweredAt < cutoff)
            .OrderBy(call => call.AnsweredAt)
            .ThenBy(call => call.Id)
            .Skip(skip)
            .Take(batchSize);
}
