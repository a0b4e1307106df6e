using FluentValidation;

namespace Invorto.Application.Calls.GetMetrics;

public sealed class GetMetricsValidator : AbstractValidator<GetMetricsQuery>
{
    public GetMetricsValidator(TimeProvider clock)
    {
        RuleFor(query => query.From)
            .Must(MetricsRange.IsDate).WithMessage("must be a date (yyyy-MM-dd)")
            .OverridePropertyName("from");

        RuleFor(query => query.To)
            .Must(MetricsRange.IsDate).WithMessage("must be a date (yyyy-MM-dd)")
            .OverridePropertyName("to");

        When(query => MetricsRange.IsDate(query.From) && MetricsRange.IsDate(query.To), () =>
        {
            RuleFor(query => query)
                .Must(query => Range(query, clock).From <= Range(query, clock).To).WithMessage("must not be after to")
                .OverridePropertyName("from");

            RuleFor(query => query)
                .Must(query => Range(query, clock).To.DayNumber - Range(query, clock).From.DayNumber < GetMetricsQuery.MaxDays)
                .WithMessage($"the range must be at most {GetMetricsQuery.MaxDays} days")
                .OverridePropertyName("to");
        });
    }

    private static (DateOnly From, DateOnly To) Range(GetMetricsQuery query, TimeProvider clock) =>
        MetricsRange.Of(query, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
}
