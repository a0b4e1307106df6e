using FluentValidation;
using Invorto.Domain.Telephony;

namespace Invorto.Application.Calls.TransferCall;

public sealed class TransferCallValidator : AbstractValidator<TransferCallCommand>
{
    public TransferCallValidator()
    {
        RuleFor(command => command.To)
            .Must(to => PhoneNumber.TryParse(to, out _)).WithMessage("must be an E.164 number")
            .OverridePropertyName("to");
        RuleFor(command => command.Mode)
            .Must(mode => mode is null or "blind" or "attended").WithMessage("must be 'blind' or 'attended'")
            .OverridePropertyName("mode");
    }
}
