using Ardalis.Specification;
using Invorto.Domain.Telephony;

namespace Invorto.Application.Numbers.Specifications;

/// <summary>
/// The route of a dialled number, whichever tenant owns it: what an inbound call hook uses to find the tenant and agent.
/// Numbers are unique across tenants, so there is at most one.
/// </summary>
public sealed class PhoneNumberRouteByNumberSpec : SingleResultSpecification<PhoneNumberRoute>
{
    public PhoneNumberRouteByNumberSpec(PhoneNumber number)
    {
        ArgumentNullException.ThrowIfNull(number);
        Query.Where(route => route.Number == number).AsNoTracking();
    }
}
