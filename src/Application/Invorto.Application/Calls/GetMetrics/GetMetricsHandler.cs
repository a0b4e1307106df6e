using FluentValidation;
using Invorto.Application.Common;

namespace Invorto.Application.Calls.GetMetrics;

public sealed class GetMetricsHandler(IValidator<GetMetricsQuery> validator, ICallsQueries queries, TimeProvider clock)
{
    public async Task<Result<MetricsDto>> HandleAsync(GetMetricsQuery query, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(query, cancellationToken);
        if (!validation.IsValid)
        {
            return validation.ToError();
        }

        var (from, to) = MetricsRange.Of(query, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var totals = (await queries.DailyTotalsAsync(query.TenantId, from, to.AddDays(1), cancellationToken))
            .ToDictionary(day => day.Date);

        var days = new List<DailyMetricsDto>(to.DayNumber - from.DayNumber + 1);
        for (var date = from; date <= to; date = date.AddDays(1))
        {
            days.Add(totals.TryGetValue(date, out var day)
                ? new DailyMetricsDto(date, day.Calls, decimal.Round(day.DurationSec / 60m, 2, MidpointRounding.AwayFromZero), decimal.Round(day.CostInr, 2, MidpointRounding.AwayFromZero))
                : new DailyMetricsDto(date, 0, 0m, 0m));
        }

        return new MetricsDto(days);
    }
}
