using Invorto.Domain.Common;
using Invorto.Domain.Concurrency;

namespace Invorto.Domain.Tests.Concurrency;

public sealed class ConcurrencyScopeTests
{
    [Fact]
    public void The_global_scope_is_named_global()
    {
        var scope = ConcurrencyScope.Global(5);

        scope.Key.ShouldBe("global");
        scope.KindName.ShouldBe("global");
    }

    [Fact]
    public void A_campaign_scope_is_named_after_its_campaign()
    {
        var campaignId = Guid.Parse("0193a0c2-7a41-7cc1-9d2e-aaaaaaaaaaaa");

        var scope = ConcurrencyScope.ForCampaign(campaignId, 5);

        scope.Key.ShouldBe("campaign:0193a0c2-7a41-7cc1-9d2e-aaaaaaaaaaaa");
        scope.KindName.ShouldBe("campaign");
        scope.ToString().ShouldBe(scope.Key);
    }

    [Fact]
    public void A_tenant_scope_needs_a_tenant_id()
    {
        var create = () => ConcurrencyScope.ForTenant(Guid.Empty, 5);

        create.ShouldThrow<DomainException>();
    }

    [Fact]
    public void A_scope_with_a_limit_below_one_is_refused()
    {
        var create = () => ConcurrencyScope.Global(0);

        create.ShouldThrow<DomainException>();
    }
}
