using FluentValidation;

namespace Invorto.Application.Calls.SendDtmf;

public sealed class SendDtmfValidator : AbstractValidator<SendDtmfCommand>
{
    public const int MaxDigits = 32;

    public SendDtmfValidator() =>
        RuleFor(command => command.Digits)
            .Matches("^[0-9*#]{1," + MaxDigits + "}$").WithMessage($"must be 1 to {MaxDigits} of 0-9, * and #")
            .NotNull().WithMessage($"is required: 1 to {MaxDigits} of 0-9, * and #")
            .OverridePropertyName("digits");
}
