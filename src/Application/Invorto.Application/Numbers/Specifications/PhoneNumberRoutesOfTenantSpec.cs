using Ardalis.Specification;
using Invorto.Domain.Telephony;

namespace Invorto.Application.Numbers.Specifications;

/// <summary>Every number of one tenant, oldest first.</summary>
public sealed class PhoneNumberRoutesOfTenantSpec : Specification<PhoneNumberRoute>
{
    public PhoneNumberRoutesOfTenantSpec(Guid tenantId) =>
        Query.Where(route => route.TenantId == tenantId).OrderBy(route => route.CreatedAt).ThenBy(route => route.Id).AsNoTracking();
}
