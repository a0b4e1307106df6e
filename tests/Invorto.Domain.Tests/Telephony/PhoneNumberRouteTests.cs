using Invorto.Domain.Common;
using Invorto.Domain.Telephony;

namespace Invorto.Domain.Tests.Telephony;

public sealed class PhoneNumberRouteTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_route_keeps_the_normalised_number_its_tenant_and_agent()
    {
        var tenantId = Guid.NewGuid();
        var agentId = Guid.NewGuid();

        var route = PhoneNumberRoute.Create(Guid.NewGuid(), tenantId, PhoneNumber.Parse("+1 (415) 555-0100"), agentId, TelephonyProviderKind.Twilio, T0);

        (route.Number.Value, route.TenantId, route.AgentId, route.Provider, route.CreatedAt)
            .ShouldBe(("+14155550100", tenantId, agentId, TelephonyProviderKind.Twilio, T0));
    }

    [Fact]
    public void A_route_needs_an_agent()
    {
        Should.Throw<DomainException>(() =>
            PhoneNumberRoute.Create(Guid.NewGuid(), Guid.NewGuid(), PhoneNumber.Parse("+14155550100"), Guid.Empty, TelephonyProviderKind.Jambonz, T0));
    }

    [Fact]
    public void A_route_refuses_an_unknown_provider()
    {
        Should.Throw<DomainException>(() =>
            PhoneNumberRoute.Create(Guid.NewGuid(), Guid.NewGuid(), PhoneNumber.Parse("+14155550100"), Guid.NewGuid(), (TelephonyProviderKind)7, T0));
    }
}
