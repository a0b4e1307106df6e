using Invorto.Application.Abstractions;
using Invorto.Application.Common;
using Invorto.Application.Secrets.Specifications;
using Invorto.Domain.Secrets;

namespace Invorto.Application.Secrets.ListTenantSecrets;

/// <summary>Names and times only; no paging: a tenant keeps at most <see cref="TenantSecret.MaxPerTenant"/> secrets.</summary>
public sealed class ListTenantSecretsHandler(IReadRepository<TenantSecret> secrets)
{
    public async Task<Result<Page<TenantSecretDto>>> HandleAsync(ListTenantSecretsQuery query, CancellationToken cancellationToken)
    {
        var list = await secrets.ListAsync(new TenantSecretSummariesSpec(query.TenantId), cancellationToken);
        return new Page<TenantSecretDto>(list, null);
    }
}
