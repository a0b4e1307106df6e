using FluentValidation;
using Invorto.Application.Abstractions;
using Invorto.Application.Common;
using Invorto.Application.Telephony;
using Invorto.Domain.Calls;
using Invorto.Domain.Telephony;

namespace Invorto.Application.Calls.TransferCall;

public sealed class TransferCallHandler(IValidator<TransferCallCommand> validator, IRepository<Call> calls, LivePhoneCalls live, TimeProvider clock)
{
    public async Task<Result<bool>> HandleAsync(TransferCallCommand command, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(command, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var found = await live.FindAsync(
            command.TenantId,
            command.CallId,
            call => $"Only a call in progress can be transferred (this one is {call.Status.ToName()}).",
            check: null,
            cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error;
        }

        var (call, provider, providerCallId) = found.Value!;
        var mode = command.Mode == "attended" ? TransferMode.Attended : TransferMode.Blind;
        var target = PhoneNumber.Parse(command.To!);
        var transferred = await provider.TransferAsync(providerCallId, target, mode, cancellationToken);
        if (transferred.IsSuccess)
        {
            call.Record(clock.GetUtcNow(), "call.transfer", System.Text.Json.JsonSerializer.Serialize(new { to = target.Value, mode = command.Mode ?? "blind" }));
            await calls.UpdateAsync(call, cancellationToken);
        }

        return transferred;
    }
}
