using Invorto.Application.Abstractions;
using Invorto.Application.Calls.Specifications;
using Invorto.Domain.Calls;
using Invorto.Domain.Concurrency;
using Invorto.Domain.Tenants;

namespace Invorto.Application.Calls;

/// <summary>
/// Whether a new call may start (spec §7), the same for outbound and inbound calls: first the API-level guard
/// (the tenant's non-terminal calls against <c>MAX_CONCURRENT_CALLS</c> or the tenant's own lower cap), then one slot in
/// every concurrency scope, all or none. It fails closed: a limiter that cannot answer admits nothing.
/// </summary>
public sealed class CallAdmission(IReadRepository<Call> calls, IConcurrencyLimiter limiter, CallAdmissionLimits limits)
{
    public async Task<CallAdmissionResult> AdmitAsync(Tenant tenant, Guid callId, Guid? campaignId, CancellationToken cancellationToken)
    {
        var tenantCap = TenantCap(tenant);
        if (await calls.CountAsync(new ActiveCallsOfTenantSpec(tenant.Id), cancellationToken) >= tenantCap)
        {
            return CallAdmissionResult.Refused(CallAdmissionOutcome.TenantCapReached, $"The tenant already has {tenantCap} active calls (MAX_CONCURRENT_CALLS).");
        }

        var admission = await limiter.AcquireAsync(new ConcurrencyRequest(SlotId.ForCall(callId), tenant.Id, campaignId, tenant.MaxConcurrentCalls), cancellationToken);
        return admission.Outcome switch
        {
            AdmissionOutcome.Admitted => CallAdmissionResult.Admitted(admission.Scopes),
            AdmissionOutcome.Rejected => CallAdmissionResult.Refused(
                CallAdmissionOutcome.ScopeFull,
                $"The {admission.RejectedBy?.Kind.ToString().ToLowerInvariant() ?? "concurrency"} call limit is reached."),
            _ => CallAdmissionResult.Refused(CallAdmissionOutcome.Unavailable, "Concurrency limits cannot be checked right now; nothing was dialled."),
        };
    }

    /// <summary>Gives the slot back for a call that was admitted but will not go ahead.</summary>
    public Task<bool> ReleaseAsync(Guid callId, IReadOnlyCollection<ConcurrencyScope> scopes) =>
        limiter.ReleaseAsync(SlotId.ForCall(callId), scopes, CancellationToken.None);

    private int TenantCap(Tenant tenant) =>
        Math.Min(tenant.MaxConcurrentCalls ?? limits.MaxConcurrentCallsPerTenant, limits.MaxConcurrentCallsPerTenant);
}
