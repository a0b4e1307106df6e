using Ardalis.Specification;
using Invorto.Domain.Calls;

namespace Invorto.Application.Calls.Specifications;

/// <summary>A call by id alone, for requests that carry their own proof of access (signed artifact links).</summary>
public sealed class CallByIdSpec : SingleResultSpecification<Call>
{
    public CallByIdSpec(Guid callId) =>
        Query.Where(call => call.Id == callId);
}
