using Ardalis.Specification;
using Invorto.Domain.Calls;

namespace Invorto.Application.Calls.Specifications;

/// <summary>The tenant's calls that are not over yet: what <c>MAX_CONCURRENT_CALLS</c> counts.</summary>
public sealed class ActiveCallsOfTenantSpec : Specification<Call>
{
    public ActiveCallsOfTenantSpec(Guid tenantId) =>
        Query.Where(call => call.TenantId == tenantId
            && (call.Status == CallStatus.Queued || call.Status == CallStatus.Dialing || call.Status == CallStatus.Ringing || call.Status == CallStatus.InProgress));
}
