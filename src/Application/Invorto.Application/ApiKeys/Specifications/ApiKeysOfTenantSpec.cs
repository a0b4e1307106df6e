using Ardalis.Specification;
using Invorto.Domain.Tenants;

namespace Invorto.Application.ApiKeys.Specifications;

/// <summary>Every key of one tenant, revoked ones included, oldest first.</summary>
public sealed class ApiKeysOfTenantSpec : Specification<ApiKey>
{
    public ApiKeysOfTenantSpec(Guid tenantId) =>
        Query.Where(key => key.TenantId == tenantId).OrderBy(key => key.CreatedAt).ThenBy(key => key.Id).AsNoTracking();
}
