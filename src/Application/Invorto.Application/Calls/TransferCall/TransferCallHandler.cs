using FluentValidation;
using Invorto.Application.Abstractions;
using Invorto.Application.Calls.Specifications;
using Invorto.Application.Common;
using Invorto.Application.Telephony;
using Invorto.Domain.Calls;
using Invorto.Domain.Telephony;

namespace Invorto.Application.Calls.TransferCall;

public sealed class TransferCallHandler(IValidator<TransferCallCommand> validator, IRepository<Call> calls, TelephonyProviders providers, TimeProvider clock)
{
    public async Task<Result<bool>> HandleAsync(TransferCallCommand command, CancellationToken cancellationToken)
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

        if (call.Status != CallStatus.InProgress || call.ProviderCallId is null)
        {
            return Error.Conflict($"Only a call in progress can be transferred (this one is {call.Status.ToName()}).");
        }

        var provider = providers.Find(call.Provider);
        if (provider is null)
        {
            return Error.ProviderUnavailable($"The call's provider '{call.Provider}' is not available.");
        }

        var mode = command.Mode == "attended" ? TransferMode.Attended : TransferMode.Blind;
        var target = PhoneNumber.Parse(command.To!);
        var transferred = await provider.TransferAsync(call.ProviderCallId, target, mode, cancellationToken);
        if (transferred.IsSuccess)
        {
            call.Record(clock.GetUtcNow(), "call.transfer", System.Text.Json.JsonSerializer.Serialize(new { to = target.Value, mode = command.Mode ?? "blind" }));
            await calls.UpdateAsync(call, cancellationToken);
        }

        return transferred;
    }
}
