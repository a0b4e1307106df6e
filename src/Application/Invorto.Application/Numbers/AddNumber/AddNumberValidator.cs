using FluentValidation;
using Invorto.Domain.Telephony;

namespace Invorto.Application.Numbers.AddNumber;

public sealed class AddNumberValidator : AbstractValidator<AddNumberCommand>
{
    public AddNumberValidator()
    {
        RuleFor(command => command.Number)
            .Must(number => PhoneNumber.TryParse(number, out _)).WithMessage("must be an E.164 phone number such as +14155550100")
            .OverridePropertyName("number");

        RuleFor(command => command.AgentId)
            .Must(id => id is { } value && value != Guid.Empty).WithMessage("is required")
            .OverridePropertyName("agentId");

        RuleFor(command => command.Provider)
            .Must(provider => TelephonyProviderKinds.TryParse(provider, out _)).WithMessage("must be one of jambonz, twilio")
            .OverridePropertyName("provider");
    }
}
