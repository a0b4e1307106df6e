using Ardalis.Specification;
using Invorto.Application.Abstractions;
using Invorto.Application.Calls;
using Invorto.Application.Common;
using Invorto.Domain.Calls;
using Invorto.Domain.Concurrency;
using Invorto.Domain.Tenants;
using NSubstitute;

namespace Invorto.Application.Tests.Calls;

public sealed class CallAdmissionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private readonly IReadRepository<Call> _calls = Substitute.For<IReadRepository<Call>>();
    private readonly IConcurrencyLimiter _limiter = Substitute.For<IConcurrencyLimiter>();
    private readonly Tenant _tenant = Tenant.Create(Guid.NewGuid(), "acme", Now);
    private readonly IReadOnlyList<ConcurrencyScope> _scopes = [ConcurrencyScope.Global(10)];

    private CallAdmission Admission(int platformCap = 200) => new(_calls, _limiter, new CallAdmissionLimits(platformCap, TimeSpan.FromSeconds(30)));

    private void ActiveCalls(int count) =>
        _calls.CountAsync(Arg.Any<ISpecification<Call>>(), Arg.Any<CancellationToken>()).Returns(count);

    private void Limiter(Func<SlotId, ConcurrencyAdmission> answer) =>
        _limiter.AcquireAsync(Arg.Any<ConcurrencyRequest>(), Arg.Any<CancellationToken>()).Returns(call => answer(call.Arg<ConcurrencyRequest>().Slot));

    [Fact]
    public async Task Tenant_at_the_platform_cap_is_refused_before_the_limiter_is_asked()
    {
        ActiveCalls(200);

        var result = await Admission().AdmitAsync(_tenant, Guid.NewGuid(), null, CancellationToken.None);

        result.Outcome.ShouldBe(CallAdmissionOutcome.TenantCapReached);
        result.ToError().Code.ShouldBe(ErrorCodes.QuotaExceeded);
        await _limiter.DidNotReceiveWithAnyArgs().AcquireAsync(default!, default);
    }

    [Fact]
    public async Task Tenants_own_lower_cap_applies_and_is_passed_to_the_limiter()
    {
        _tenant.ChangeLimits(null, 3);
        ActiveCalls(3);

        (await Admission().AdmitAsync(_tenant, Guid.NewGuid(), null, CancellationToken.None)).Outcome.ShouldBe(CallAdmissionOutcome.TenantCapReached);

        ActiveCalls(2);
        Limiter(slot => ConcurrencyAdmission.Admitted(slot, _scopes, Now));
        (await Admission().AdmitAsync(_tenant, Guid.NewGuid(), null, CancellationToken.None)).IsAdmitted.ShouldBeTrue();
        await _limiter.Received(1).AcquireAsync(Arg.Is<ConcurrencyRequest>(r => r.TenantLimit == 3 && r.TenantId == _tenant.Id), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Tenant_cap_above_the_platform_cap_is_held_to_the_platform_cap()
    {
        _tenant.ChangeLimits(null, 1_000);
        ActiveCalls(5);

        var result = await Admission(platformCap: 5).AdmitAsync(_tenant, Guid.NewGuid(), null, CancellationToken.None);

        result.Outcome.ShouldBe(CallAdmissionOutcome.TenantCapReached);
    }

    [Fact]
    public async Task Full_scope_is_a_quota_error_naming_the_scope()
    {
        ActiveCalls(0);
        var campaignId = Guid.NewGuid();
        var campaign = ConcurrencyScope.ForCampaign(campaignId, 100);
        Limiter(slot => ConcurrencyAdmission.Rejected(slot, [ConcurrencyScope.Global(10), campaign], campaign));

        var result = await Admission().AdmitAsync(_tenant, Guid.NewGuid(), campaignId, CancellationToken.None);

        result.Outcome.ShouldBe(CallAdmissionOutcome.ScopeFull);
        result.ToError().Code.ShouldBe(ErrorCodes.QuotaExceeded);
        result.ToError().Message.ShouldContain("campaign");
        result.Scopes.ShouldBeEmpty();
    }

    [Fact]
    public async Task Unreachable_limiter_admits_nothing_and_is_provider_unavailable()
    {
        ActiveCalls(0);
        Limiter(slot => ConcurrencyAdmission.Unavailable(slot, _scopes));

        var result = await Admission().AdmitAsync(_tenant, Guid.NewGuid(), null, CancellationToken.None);

        result.IsAdmitted.ShouldBeFalse();
        result.ToError().Code.ShouldBe(ErrorCodes.ProviderUnavailable);
    }

    [Fact]
    public async Task Admitted_call_holds_its_slot_named_after_the_call()
    {
        ActiveCalls(0);
        var callId = Guid.NewGuid();
        Limiter(slot => ConcurrencyAdmission.Admitted(slot, _scopes, Now));

        var result = await Admission().AdmitAsync(_tenant, callId, null, CancellationToken.None);

        result.Scopes.ShouldBe(_scopes);
        await _limiter.Received(1).AcquireAsync(Arg.Is<ConcurrencyRequest>(r => r.Slot == SlotId.ForCall(callId)), Arg.Any<CancellationToken>());
    }
}
