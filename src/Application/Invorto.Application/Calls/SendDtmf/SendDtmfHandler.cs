using System.Text.Json;
using FluentValidation;
using Invorto.Application.Abstractions;
using Invorto.Application.Common;
using Invorto.Domain.Calls;

namespace Invorto.Application.Calls.SendDtmf;

/// <summary>
/// Plays keypad tones into a live phone call through its telephony provider (for example to navigate a far end's IVR);
/// a call that is not in progress, or a web call (which has no telephone line), is a conflict.
/// </summary>
public sealed class SendDtmfHandler(IValidator<SendDtmfCommand> validator, IRepository<Call> calls, LivePhoneCalls live, TimeProvider clock)
{
    public async Task<Result<bool>> HandleAsync(SendDtmfCommand command, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(command, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var found = await live.FindAsync(
            command.TenantId,
            command.CallId,
            call => $"Digits can only be sent into a phone call in progress (this one is {call.Status.ToName()}).",
            call => call.Direction == CallDirection.Web ? Error.Conflict("A web call has no telephone line to send digits into.") : null,
            cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var (call, provider, providerCallId) = found.Value!;
        var sent = await provider.SendDtmfAsync(providerCallId, command.Digits!, cancellationToken);
        if (sent.IsSuccess)
        {
            call.Record(clock.GetUtcNow(), "dtmf.sent", JsonSerializer.Serialize(new { digits = command.Digits }));
            await calls.UpdateAsync(call, cancellationToken);
        }

        return sent;
    }
}
