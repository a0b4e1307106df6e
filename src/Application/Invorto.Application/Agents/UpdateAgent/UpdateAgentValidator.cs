using System.Text.Json;
using FluentValidation;
using Invorto.Application.Agents.Configuration;
using Invorto.Domain.Agents;

namespace Invorto.Application.Agents.UpdateAgent;

/// <summary>Checks what can be checked without the stored agent; the merged configuration is parsed by the handler.</summary>
public sealed class UpdateAgentValidator : AbstractValidator<UpdateAgentCommand>
{
    public UpdateAgentValidator()
    {
        RuleFor(command => command.Name)
            .Must(name => !string.IsNullOrWhiteSpace(name)).WithMessage("must not be empty")
            .MaximumLength(Agent.MaxNameLength).WithMessage($"must be at most {Agent.MaxNameLength} characters")
            .When(command => command.Name is not null)
            .OverridePropertyName("name");

        RuleFor(command => command.ConfigPatch)
            .Must(patch => patch is null or { ValueKind: JsonValueKind.Object or JsonValueKind.Null })
            .WithMessage("must be a JSON object (a merge patch)")
            .OverridePropertyName(AgentConfigParser.Root);
    }
}
