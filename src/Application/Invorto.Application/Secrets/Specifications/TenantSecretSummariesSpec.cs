using Ardalis.Specification;
using Invorto.Domain.Secrets;

namespace Invorto.Application.Secrets.Specifications;

/// <summary>One tenant's secrets as listings show them, by name; the encrypted values are not read.</summary>
public sealed class TenantSecretSummariesSpec : Specification<TenantSecret, TenantSecretDto>
{
    public TenantSecretSummariesSpec(Guid tenantId)
    {
        Query.Where(secret => secret.TenantId == tenantId).OrderBy(secret => secret.Name).AsNoTracking();
        Query.Select(secret => new TenantSecretDto(secret.Name, secret.CreatedAt, secret.UpdatedAt));
    }
}
