using Ardalis.Specification;
using Invorto.Domain.Tenants;

namespace Invorto.Application.ApiKeys.Specifications;

public sealed class ActiveAdminKeysOfTenantSpec : Specification<ApiKey>
{
    public ActiveAdminKeysOfTenantSpec(Guid tenantId) =>
        Query.Where(key => key.TenantId == tenantId && key.Active && key.Role == ApiKeyRole.Admin);
}
