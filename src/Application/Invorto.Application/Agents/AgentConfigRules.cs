using System.Text.Json;
using FluentValidation;
using Invorto.Application.Agents.Configuration;

namespace Invorto.Application.Agents;

/// <summary>The checks every agent configuration passes, whichever use case receives it.</summary>
public static class AgentConfigRules
{
    /// <summary>Reports every problem <see cref="AgentConfigParser"/> finds under its JSON path.</summary>
    public static void AddConfigRules<T>(this AbstractValidator<T> validator, Func<T, JsonElement?> config) =>
        validator.RuleFor(command => config(command))
            .Custom((element, context) =>
            {
                foreach (var (path, messages) in AgentConfigParser.Parse(element).Errors)
                {
                    foreach (var message in messages)
                    {
                        context.AddFailure(path, message);
                    }
                }
            });
}
