using Invorto.Application.Abstractions;
using Invorto.Application.Calls.Specifications;
using Invorto.Application.Common;
using Invorto.Application.Telephony;
using Invorto.Domain.Calls;

namespace Invorto.Application.Calls;

/// <summary>
/// Finds the call a mid-call control (transfer, DTMF) steers: the tenant's own call (another tenant's is not found), in
/// progress at its provider (else a conflict in the words of <c>notLive</c>), on a provider this deployment has.
/// </summary>
public sealed class LivePhoneCalls(IRepository<Call> calls, TelephonyProviders providers)
{
    /// <param name="notLive">The conflict's message for a call that is not in progress at a provider.</param>
    /// <param name="check">A further refusal for the found call, before its state is judged; null lets it through.</param>
    public async Task<Result<LivePhoneCall>> FindAsync(Guid tenantId, Guid callId, Func<Call, string> notLive, Func<Call, Error?>? check, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notLive);
        var call = await calls.SingleOrDefaultAsync(new CallOfTenantSpec(tenantId, callId), cancellationToken);
        if (call is null)
        {
            return Error.NotFound("The call");
        }

        if (check?.Invoke(call) is { } refused)
        {
            return refused;
        }

        if (call.Status != CallStatus.InProgress || call.ProviderCallId is null)
        {
            return Error.Conflict(notLive(call));
        }

        var provider = providers.Find(call.Provider);
        return provider is null
            ? Error.ProviderUnavailable($"The call's provider '{call.Provider}' is not available.")
            : new LivePhoneCall(call, provider, call.ProviderCallId);
    }
}
