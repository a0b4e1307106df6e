using Ardalis.Specification;
using Invorto.Domain.Telephony;

namespace Invorto.Application.Numbers.Specifications;

/// <summary>One number of one tenant; another tenant's number is simply not found.</summary>
public sealed class PhoneNumberRouteByIdSpec : SingleResultSpecification<PhoneNumberRoute>
{
    public PhoneNumberRouteByIdSpec(Guid tenantId, Guid id) =>
        Query.Where(route => route.TenantId == tenantId && route.Id == id);
}
