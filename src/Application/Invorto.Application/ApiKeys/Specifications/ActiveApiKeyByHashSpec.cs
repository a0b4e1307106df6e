using Ardalis.Specification;
using Invorto.Domain.Tenants;

namespace Invorto.Application.ApiKeys.Specifications;

public sealed class ActiveApiKeyByHashSpec : SingleResultSpecification<ApiKey>
{
    public ActiveApiKeyByHashSpec(string hash) =>
        Query.Where(key => key.Hash == hash && key.Active).AsNoTracking();
}
