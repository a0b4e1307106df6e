using Ardalis.Specification;
using Invorto.Domain.Secrets;

namespace Invorto.Application.Secrets.Specifications;

/// <summary>One secret of one tenant; another tenant's secret of the same name is simply not found.</summary>
public sealed class TenantSecretByNameSpec : SingleResultSpecification<TenantSecret>
{
    public TenantSecretByNameSpec(Guid tenantId, string name) =>
        Query.Where(secret => secret.TenantId == tenantId && secret.Name == name);
}
