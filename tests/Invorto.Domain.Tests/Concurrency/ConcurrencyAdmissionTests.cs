using Invorto.Domain.Common;
using Invorto.Domain.Concurrency;

namespace Invorto.Domain.Tests.Concurrency;

public sealed class ConcurrencyAdmissionTests
{
    private static readonly SlotId Slot = SlotId.ForCall(Guid.Parse("0193a0c2-7a41-7cc1-9d2e-1f6a2b3c4d5e"));
    private static readonly ConcurrencyScope Campaign = ConcurrencyScope.ForCampaign(Guid.Parse("0193a0c2-7a41-7cc1-9d2e-aaaaaaaaaaaa"), 3);
    private static readonly IReadOnlyList<ConcurrencyScope> Scopes = [ConcurrencyScope.Global(10), Campaign];

    [Fact]
    public void A_rejection_names_the_full_scope()
    {
        var admission = ConcurrencyAdmission.Rejected(Slot, Scopes, Campaign);

        admission.Outcome.ShouldBe(AdmissionOutcome.Rejected);
        admission.IsAdmitted.ShouldBeFalse();
        admission.RejectedBy!.Key.ShouldBe("campaign:0193a0c2-7a41-7cc1-9d2e-aaaaaaaaaaaa");
    }

    [Fact]
    public void A_rejection_by_a_scope_the_call_did_not_ask_for_is_refused()
    {
        var reject = () => ConcurrencyAdmission.Rejected(Slot, Scopes, ConcurrencyScope.ForTenant(Guid.NewGuid(), 1));

        reject.ShouldThrow<DomainException>();
    }

    [Fact]
    public void An_unavailable_store_admits_nothing()
    {
        var admission = ConcurrencyAdmission.Unavailable(Slot, Scopes);

        admission.IsAdmitted.ShouldBeFalse();
        admission.RejectedBy.ShouldBeNull();
        admission.ExpiresAt.ShouldBeNull();
    }

    [Fact]
    public void An_admission_carries_the_scopes_to_renew_and_release()
    {
        var expiresAt = DateTimeOffset.Parse("2026-11-24T10:10:00Z");

        var admission = ConcurrencyAdmission.Admitted(Slot, Scopes, expiresAt);

        admission.IsAdmitted.ShouldBeTrue();
        admission.Scopes.ShouldBe(Scopes);
        admission.ExpiresAt.ShouldBe(expiresAt);
    }
}
