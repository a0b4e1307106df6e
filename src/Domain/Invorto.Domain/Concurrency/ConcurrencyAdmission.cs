using Invorto.Domain.Common;

namespace Invorto.Domain.Concurrency;

/// <summary>The answer to an acquire: admitted (with the scopes now held), rejected by a named full scope, or unavailable.</summary>
public sealed record ConcurrencyAdmission
{
    private ConcurrencyAdmission(AdmissionOutcome outcome, SlotId slot, IReadOnlyList<ConcurrencyScope> scopes, ConcurrencyScope? rejectedBy, DateTimeOffset? expiresAt)
    {
        Outcome = outcome;
        Slot = slot;
        Scopes = scopes;
        RejectedBy = rejectedBy;
        ExpiresAt = expiresAt;
    }

    public AdmissionOutcome Outcome { get; }

    public SlotId Slot { get; }

    /// <summary>The scopes the call asked for; when admitted, the ones to renew and release.</summary>
    public IReadOnlyList<ConcurrencyScope> Scopes { get; }

    /// <summary>The full scope when <see cref="Outcome"/> is <see cref="AdmissionOutcome.Rejected"/>.</summary>
    public ConcurrencyScope? RejectedBy { get; }

    /// <summary>When the slot lapses unless renewed, by the store's clock; set only when admitted.</summary>
    public DateTimeOffset? ExpiresAt { get; }

    public bool IsAdmitted => Outcome == AdmissionOutcome.Admitted;

    public static ConcurrencyAdmission Admitted(SlotId slot, IReadOnlyList<ConcurrencyScope> scopes, DateTimeOffset expiresAt) =>
        new(AdmissionOutcome.Admitted, slot, scopes, null, expiresAt);

    public static ConcurrencyAdmission Rejected(SlotId slot, IReadOnlyList<ConcurrencyScope> scopes, ConcurrencyScope fullScope) =>
        scopes.Contains(fullScope)
            ? new(AdmissionOutcome.Rejected, slot, scopes, fullScope, null)
            : throw new DomainException($"Scope '{fullScope}' is not one the call asked for.");

    public static ConcurrencyAdmission Unavailable(SlotId slot, IReadOnlyList<ConcurrencyScope> scopes) =>
        new(AdmissionOutcome.Unavailable, slot, scopes, null, null);
}
