using Invorto.Application.Abstractions;
using Invorto.Application.Calls.Specifications;
using Invorto.Application.Common;
using Invorto.Application.Telephony;
using Invorto.Domain.Calls;

namespace Invorto.Application.Calls.HangUpCall;

/// <summary>Asks the provider to end a live call; the terminal status arrives through its status hook. A call not yet at the provider is canceled here.</summary>
public sealed class HangUpCallHandler(IRepository<Call> calls, TelephonyProviders providers, TimeProvider clock)
{
    public async Task<Result<bool>> HandleAsync(HangUpCallCommand command, CancellationToken cancellationToken)
    {
        var call = await calls.SingleOrDefaultAsync(new CallOfTenantSpec(command.TenantId, command.CallId), cancellationToken);
        if (call is null)
        {
            return Error.NotFound("The call");
        }

        if (call.Status.IsTerminal())
        {
            return Error.Conflict($"The call has already ended ({call.Status.ToName()}).");
        }

        if (call.ProviderCallId is null)
        {
            call.ApplyStatus(CallStatus.Canceled, clock.GetUtcNow(), CallEndReasons.Canceled);
            await calls.UpdateAsync(call, cancellationToken);
            return true;
        }

        var provider = providers.Find(call.Provider);
        return provider is null
            ? Error.ProviderUnavailable($"The call's provider '{call.Provider}' is not available.")
            : await provider.HangUpAsync(call.ProviderCallId, cancellationToken);
    }
}
