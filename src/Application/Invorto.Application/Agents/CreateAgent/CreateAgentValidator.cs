using FluentValidation;
using Invorto.Domain.Agents;

namespace Invorto.Application.Agents.CreateAgent;

public sealed class CreateAgentValidator : AbstractValidator<CreateAgentCommand>
{
    public CreateAgentValidator()
    {
        RuleFor(command => command.Name)
            .Must(name => !string.IsNullOrWhiteSpace(name)).WithMessage("is required")
            .MaximumLength(Agent.MaxNameLength).WithMessage($"must be at most {Agent.MaxNameLength} characters")
            .OverridePropertyName("name");

        this.AddConfigRules(command => command.Config);
    }
}
