using Invorto.Application.Abstractions;
using Invorto.Application.Common;
using Invorto.Application.Numbers.Specifications;
using Invorto.Domain.Telephony;

namespace Invorto.Application.Numbers.RemoveNumber;

/// <summary>No validator: the command carries only the caller's tenant and a route id.</summary>
public sealed class RemoveNumberHandler(IRepository<PhoneNumberRoute> numbers)
{
    public async Task<Result<Guid>> HandleAsync(RemoveNumberCommand command, CancellationToken cancellationToken)
    {
        var route = await numbers.SingleOrDefaultAsync(new PhoneNumberRouteByIdSpec(command.TenantId, command.NumberId), cancellationToken);
        if (route is null)
        {
            return Error.NotFound("The number");
        }

        await numbers.DeleteAsync(route, cancellationToken);
        return route.Id;
    }
}
