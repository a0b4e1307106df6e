using Ardalis.Specification;
using Invorto.Domain.Secrets;

namespace Invorto.Application.Secrets.Specifications;

/// <summary>The names of one tenant's secrets, without reading their values.</summary>
public sealed class TenantSecretNamesSpec : Specification<TenantSecret, string>
{
    public TenantSecretNamesSpec(Guid tenantId)
    {
        Query.Where(secret => secret.TenantId == tenantId).OrderBy(secret => secret.Name).AsNoTracking();
        Query.Select(secret => secret.Name);
    }
}
