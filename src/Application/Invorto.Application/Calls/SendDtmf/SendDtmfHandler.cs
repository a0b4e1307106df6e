using System.Text.Json;
using FluentValidation;
using Invorto.Application.Abstractions;
using Invorto.Application.Calls.Specifications;
using Invorto.Application.Common;
using Invorto.Application.Telephony;
using Invorto.Domain.Calls;

namespace Invorto.Application.Calls.SendDtmf;

/// <summary>
/// Plays keypad tones into a live phone call through its telephony provider (for example to navigate a far end's IVR);
/// a call that is not in progress, or a web call (which has no telephone line), is a conflict.
/// </summary>
public sealed class SendDtmfHandler(IValidator<SendDtmfCommand> validator, IRepository<Call> calls, TelephonyProviders providers, TimeProvider clock)
{
    public async Task<Result<bool>> HandleAsync(SendDtmfCommand command, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(command, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var call = await calls.SingleOrDefaultAsync(new CallOfTenantSpec(command.TenantId, command.CallId), cancellationToken);
        if (call is null)
        {
            return Error.NotFound("The call");
        }

        if (call.Direction == CallDirection.Web)
        {
            return Error.Conflict("A web call has no telephone line to send digits into.");
        }

        if (call.Status != CallStatus.InProgress || call.ProviderCallId is null)
        {
            return Error.Conflict($"Digits can only be sent into a phone call in progress (this one is {call.Status.ToName()}).");
        }

        var provider = providers.Find(call.Provider);
        if (provider is null)
        {
            return Error.ProviderUnavailable($"The call's provider '{call.Provider}' is not available.");
        }

        var sent = await provider.SendDtmfAsync(call.ProviderCallId, command.Digits!, cancellationToken);
        if (sent.IsSuccess)
        {
            call.Record(clock.GetUtcNow(), "dtmf.sent", JsonSerializer.Serialize(new { digits = command.Digits }));
            await calls.UpdateAsync(call, cancellationToken);
        }

        return sent;
    }
}
