using Invorto.Application.Abstractions;
using Invorto.Application.ApiKeys.Specifications;
using Invorto.Application.Common;
using Invorto.Domain.Tenants;

namespace Invorto.Application.ApiKeys.ListApiKeys;

/// <summary>No validator and no paging: a tenant has a handful of keys, so the page is always the whole list.</summary>
public sealed class ListApiKeysHandler(IReadRepository<ApiKey> keys)
{
    public async Task<Result<Page<ApiKeyDto>>> HandleAsync(ListApiKeysQuery query, CancellationToken cancellationToken)
    {
        var list = await keys.ListAsync(new ApiKeysOfTenantSpec(query.TenantId), cancellationToken);
        return new Page<ApiKeyDto>([.. list.Select(key => new ApiKeyDto(key.Id, key.Name, key.Role, key.Active, key.CreatedAt, key.LastUsedAt))], null);
    }
}
