using Invorto.Domain.Common;
using Invorto.Domain.Concurrency;

namespace Invorto.Domain.Tests.Concurrency;

public sealed class ConcurrencyPolicyTests
{
    private static readonly Guid TenantId = Guid.Parse("0193a0c2-7a41-7cc1-9d2e-1f6a2b3c4d5e");
    private static readonly Guid CampaignId = Guid.Parse("0193a0c2-7a41-7cc1-9d2e-aaaaaaaaaaaa");

    [Fact]
    public void Renew_interval_is_a_third_of_the_slot_ttl()
    {
        var policy = new ConcurrencyPolicy(10_000, 100, TimeSpan.FromSeconds(600));

        var interval = policy.RenewInterval;

        interval.ShouldBe(TimeSpan.FromSeconds(200));
    }

    [Fact]
    public void A_direct_call_without_a_tenant_limit_needs_only_the_global_scope()
    {
        var policy = new ConcurrencyPolicy(10_000, 100, TimeSpan.FromSeconds(600));

        var scopes = policy.ScopesFor(TenantId, campaignId: null);

        scopes.ShouldBe([ConcurrencyScope.Global(10_000)]);
    }

    [Fact]
    public void A_campaign_call_needs_the_global_and_the_campaign_scope()
    {
        var policy = new ConcurrencyPolicy(10_000, 100, TimeSpan.FromSeconds(600));

        var scopes = policy.ScopesFor(TenantId, CampaignId);

        scopes.Select(s => s.Key).ShouldBe(["global", "campaign:0193a0c2-7a41-7cc1-9d2e-aaaaaaaaaaaa"]);
        scopes[1].Limit.ShouldBe(100);
    }

    [Fact]
    public void The_policy_tenant_limit_adds_a_tenant_scope_between_global_and_campaign()
    {
        var policy = new ConcurrencyPolicy(10_000, 100, TimeSpan.FromSeconds(600), perTenantLimit: 40);

        var scopes = policy.ScopesFor(TenantId, CampaignId);

        scopes.Select(s => s.Kind).ShouldBe([ConcurrencyScopeKind.Global, ConcurrencyScopeKind.Tenant, ConcurrencyScopeKind.Campaign]);
        scopes[1].ShouldBe(ConcurrencyScope.ForTenant(TenantId, 40));
        scopes[1].Key.ShouldBe("tenant:0193a0c2-7a41-7cc1-9d2e-1f6a2b3c4d5e");
    }

    [Fact]
    public void A_tenant_limit_on_the_request_overrides_the_policy_default()
    {
        var policy = new ConcurrencyPolicy(10_000, 100, TimeSpan.FromSeconds(600), perTenantLimit: 40);

        var scopes = policy.ScopesFor(TenantId, campaignId: null, tenantLimit: 7);

        scopes[1].Limit.ShouldBe(7);
    }

    [Fact]
    public void A_tenant_limit_on_the_request_applies_even_without_a_policy_default()
    {
        var policy = new ConcurrencyPolicy(10_000, 100, TimeSpan.FromSeconds(600));

        var scopes = policy.ScopesFor(TenantId, campaignId: null, tenantLimit: 7);

        scopes.ShouldBe([ConcurrencyScope.Global(10_000), ConcurrencyScope.ForTenant(TenantId, 7)]);
    }

    [Theory]
    [InlineData(0, 100, null)]
    [InlineData(-1, 100, null)]
    [InlineData(10, 0, null)]
    [InlineData(10, 100, 0)]
    public void A_limit_below_one_is_refused(int global, int perCampaign, int? perTenant)
    {
        var create = () => new ConcurrencyPolicy(global, perCampaign, TimeSpan.FromSeconds(600), perTenant);

        create.ShouldThrow<DomainException>();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(999)]
    [InlineData(86_400_001)]
    public void A_slot_ttl_outside_one_second_to_one_day_is_refused(int ttlMs)
    {
        var create = () => new ConcurrencyPolicy(10, 10, TimeSpan.FromMilliseconds(ttlMs));

        create.ShouldThrow<DomainException>();
    }

    [Fact]
    public void A_slot_ttl_with_a_fraction_of_a_millisecond_is_refused()
    {
        var create = () => new ConcurrencyPolicy(10, 10, TimeSpan.FromTicks(TimeSpan.TicksPerSecond + 1));

        create.ShouldThrow<DomainException>();
    }

    [Fact]
    public void Scopes_need_a_tenant_id()
    {
        var policy = new ConcurrencyPolicy(10, 10, TimeSpan.FromSeconds(600));

        var scopes = () => policy.ScopesFor(Guid.Empty, CampaignId);

        scopes.ShouldThrow<DomainException>();
    }

    [Fact]
    public void A_tenant_limit_on_the_request_below_one_is_refused()
    {
        var policy = new ConcurrencyPolicy(10, 10, TimeSpan.FromSeconds(600));

        var scopes = () => policy.ScopesFor(TenantId, CampaignId, tenantLimit: 0);

        scopes.ShouldThrow<DomainException>();
    }
}
