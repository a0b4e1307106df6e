using Ardalis.Specification;
using Invorto.Domain.Calls;

namespace Invorto.Application.Calls.Specifications;

public sealed class CallOfTenantSpec : SingleResultSpecification<Call>
{
    public CallOfTenantSpec(Guid tenantId, Guid callId) =>
        Query.Where(call => call.TenantId == tenantId && call.Id == callId);
}
