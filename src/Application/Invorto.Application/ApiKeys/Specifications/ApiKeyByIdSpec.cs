using Ardalis.Specification;
using Invorto.Domain.Tenants;

namespace Invorto.Application.ApiKeys.Specifications;

/// <summary>One key of one tenant; another tenant's key is simply not found.</summary>
public sealed class ApiKeyByIdSpec : SingleResultSpecification<ApiKey>
{
    public ApiKeyByIdSpec(Guid tenantId, Guid keyId) =>
        Query.Where(key => key.TenantId == tenantId && key.Id == keyId);
}
