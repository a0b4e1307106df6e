using Invorto.Application.Abstractions;
using Invorto.Application.Common;
using Invorto.Application.Numbers.Specifications;
using Invorto.Domain.Telephony;

namespace Invorto.Application.Numbers.ListNumbers;

/// <summary>No validator and no paging yet: a tenant's numbers fit one page.</summary>
public sealed class ListNumbersHandler(IReadRepository<PhoneNumberRoute> numbers)
{
    public async Task<Result<Page<NumberDto>>> HandleAsync(ListNumbersQuery query, CancellationToken cancellationToken)
    {
        var list = await numbers.ListAsync(new PhoneNumberRoutesOfTenantSpec(query.TenantId), cancellationToken);
        return new Page<NumberDto>([.. list.Select(NumberDto.From)], null);
    }
}
