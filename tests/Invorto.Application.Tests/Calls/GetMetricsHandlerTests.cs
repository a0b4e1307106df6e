using Invorto.Application.Calls;
using Invorto.Application.Calls.GetMetrics;
using Invorto.Application.Common;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;

namespace Invorto.Application.Tests.Calls;

public sealed class GetMetricsHandlerTests
{
    private readonly ICallsQueries _queries = Substitute.For<ICallsQueries>();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 10, 23, 30, 0, TimeSpan.Zero));
    private readonly GetMetricsHandler _handler;

    public GetMetricsHandlerTests() => _handler = new GetMetricsHandler(new GetMetricsValidator(_clock), _queries, _clock);

    [Fact]
    public async Task Without_dates_it_reads_the_last_seven_utc_days_and_fills_empty_ones()
    {
        _queries.DailyTotalsAsync(Arg.Any<Guid>(), Arg.Any<DateOnly>(), Arg.Any<DateOnly>(), Arg.Any<CancellationToken>())
            .Returns([new DailyCallTotals(new DateOnly(2026, 3, 9), 3, 100, 1.005m)]);

        var result = await _handler.HandleAsync(new GetMetricsQuery(Guid.NewGuid(), null, null), CancellationToken.None);

        result.Value!.Days.Count.ShouldBe(7);
        result.Value.Days[0].Date.ShouldBe(new DateOnly(2026, 3, 4));
        result.Value.Days[^1].Date.ShouldBe(new DateOnly(2026, 3, 10));
        result.Value.Days[5].ShouldBe(new DailyMetricsDto(new DateOnly(2026, 3, 9), 3, 1.67m, 1.01m));
        result.Value.Days[6].ShouldBe(new DailyMetricsDto(new DateOnly(2026, 3, 10), 0, 0m, 0m));
        await _queries.Received(1).DailyTotalsAsync(Arg.Any<Guid>(), new DateOnly(2026, 3, 4), new DateOnly(2026, 3, 11), Arg.Any<CancellationToken>());
    }

    [Theory]
    [InlineData("2026-03-10", "2026-03-09", "from")]
    [InlineData("2025-03-09", "2026-03-10", "to")]
    [InlineData("10/03/2026", null, "from")]
    public async Task Bad_ranges_are_refused_naming_the_field(string? from, string? to, string field)
    {
        var result = await _handler.HandleAsync(new GetMetricsQuery(Guid.NewGuid(), from, to), CancellationToken.None);

        result.Error!.Code.ShouldBe(ErrorCodes.BadRequest);
        result.Error.Fields!.Keys.ShouldBe([field]);
    }

    [Fact]
    public async Task A_range_of_exactly_366_days_is_allowed()
    {
        _queries.DailyTotalsAsync(Arg.Any<Guid>(), Arg.Any<DateOnly>(), Arg.Any<DateOnly>(), Arg.Any<CancellationToken>()).Returns([]);

        var result = await _handler.HandleAsync(new GetMetricsQuery(Guid.NewGuid(), "2025-03-10", "2026-03-10"), CancellationToken.None);

        result.Value!.Days.Count.ShouldBe(366);
    }
}
