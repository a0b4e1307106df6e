using FluentValidation;

namespace Invorto.Application.Calls.ListCalls;

public sealed class ListCallsValidator : AbstractValidator<ListCallsQuery>
{
    public ListCallsValidator()
    {
        RuleFor(query => query.Limit)
            .InclusiveBetween(1, ListCallsQuery.MaxLimit).WithMessage($"must be between 1 and {ListCallsQuery.MaxLimit}")
            .OverridePropertyName("limit");

        RuleFor(query => query.Status)
            .Must(CallListFilter.IsStatus).WithMessage("must be one of queued, dialing, ringing, in-progress, completed, failed, busy, no-answer, canceled")
            .OverridePropertyName("status");

        RuleFor(query => query.Direction)
            .Must(CallListFilter.IsDirection).WithMessage("must be one of inbound, outbound, web")
            .OverridePropertyName("direction");

        RuleFor(query => query.AgentId)
            .Must(CallListFilter.IsGuid).WithMessage("must be a UUID")
            .OverridePropertyName("agentId");

        RuleFor(query => query.CampaignId)
            .Must(CallListFilter.IsGuid).WithMessage("must be a UUID")
            .OverridePropertyName("campaignId");

        RuleFor(query => query.From)
            .Must(CallListFilter.IsTimestamp).WithMessage("must be an ISO-8601 timestamp")
            .OverridePropertyName("from");

        RuleFor(query => query.To)
            .Must(CallListFilter.IsTimestamp).WithMessage("must be an ISO-8601 timestamp")
            .OverridePropertyName("to");

        RuleFor(query => query)
            .Must(query => CallListFilter.ParseTimestamp(query.From!) <= CallListFilter.ParseTimestamp(query.To!))
            .When(query => !string.IsNullOrWhiteSpace(query.From) && !string.IsNullOrWhiteSpace(query.To)
                && CallListFilter.IsTimestamp(query.From) && CallListFilter.IsTimestamp(query.To))
            .WithMessage("must not be after to")
            .OverridePropertyName("from");

        RuleFor(query => query.Cursor)
            .MaximumLength(1024).WithMessage("is not a valid cursor for this listing")
            .OverridePropertyName("cursor");
    }
}
