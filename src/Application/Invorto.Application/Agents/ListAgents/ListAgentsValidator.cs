using FluentValidation;
using Invorto.Domain.Agents;

namespace Invorto.Application.Agents.ListAgents;

public sealed class ListAgentsValidator : AbstractValidator<ListAgentsQuery>
{
    public ListAgentsValidator()
    {
        RuleFor(query => query.Limit)
            .InclusiveBetween(1, ListAgentsQuery.MaxLimit).WithMessage($"must be between 1 and {ListAgentsQuery.MaxLimit}")
            .OverridePropertyName("limit");

        RuleFor(query => query.Name)
            .MaximumLength(Agent.MaxNameLength).WithMessage($"must be at most {Agent.MaxNameLength} characters")
            .OverridePropertyName("name");

        RuleFor(query => query.Cursor)
            .MaximumLength(1024).WithMessage("is not a valid cursor for this listing")
            .OverridePropertyName("cursor");
    }
}
