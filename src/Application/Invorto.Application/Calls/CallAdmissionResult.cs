using Invorto.Application.Common;
using Invorto.Domain.Concurrency;

namespace Invorto.Application.Calls;

/// <summary>The answer of <see cref="CallAdmission"/>: the scopes now held, or why the call may not start.</summary>
public sealed record CallAdmissionResult(CallAdmissionOutcome Outcome, IReadOnlyCollection<ConcurrencyScope> Scopes, string? Reason)
{
    public bool IsAdmitted => Outcome == CallAdmissionOutcome.Admitted;

    public static CallAdmissionResult Admitted(IReadOnlyCollection<ConcurrencyScope> scopes) => new(CallAdmissionOutcome.Admitted, scopes, null);

    public static CallAdmissionResult Refused(CallAdmissionOutcome outcome, string reason) => new(outcome, [], reason);

    /// <summary>The API error for a refusal: 429 <c>quota_exceeded</c> at a cap, 503 <c>provider_unavailable</c> when limits cannot be checked.</summary>
    public Error ToError() => Outcome == CallAdmissionOutcome.Unavailable
        ? Error.ProviderUnavailable(Reason!)
        : Error.QuotaExceeded(Reason!);
}
