using FluentValidation;
using Invorto.Domain.Telephony;

namespace Invorto.Application.Calls.StartOutboundCall;

public sealed class StartOutboundCallValidator : AbstractValidator<StartOutboundCallCommand>
{
    public StartOutboundCallValidator()
    {
        RuleFor(command => command.AgentId)
            .Must(id => id is not null && id != Guid.Empty).WithMessage("is required")
            .OverridePropertyName("agentId");
        RuleFor(command => command.To)
            .Must(to => PhoneNumber.TryParse(to, out _)).WithMessage("must be an E.164 number such as +919812345678")
            .OverridePropertyName("to");
        RuleFor(command => command.From)
            .Must(from => PhoneNumber.TryParse(from, out _)).WithMessage("is required and must be an E.164 number (the caller id)")
            .OverridePropertyName("from");
        RuleFor(command => command.Provider)
            .Must(provider => provider is null || provider is "jambonz" or "twilio").WithMessage("must be 'jambonz' or 'twilio'")
            .OverridePropertyName("provider");
        RuleFor(command => command.Metadata)
            .Custom((metadata, context) => CallMetadata.Check(metadata!.Value, context.AddFailure))
            .When(command => command.Metadata is { ValueKind: not System.Text.Json.JsonValueKind.Null });
    }
}
