using Invorto.Bench.Realtime;

namespace Invorto.Bench.Realtime.Tests;

public sealed class StepSearchTests
{
    private static List<int> Tried(StepSearch search, int capacity)
    {
        var tried = new List<int>();
        while (search.Next is { } n)
        {
            tried.Add(n);
            search.Report(n, n <= capacity);
        }

        return tried;
    }

    [Fact]
    public void Climbs_by_the_step_then_bisects_to_the_resolution()
    {
        var search = new StepSearch(start: 100, step: 100, resolution: 25, max: 5_000);

        Tried(search, capacity: 760).ShouldBe([100, 200, 300, 400, 500, 600, 700, 800, 750, 775]);
        search.BestPassing.ShouldBe(750);
    }

    [Fact]
    public void A_failing_first_step_bisects_down_from_zero()
    {
        var search = new StepSearch(start: 100, step: 100, resolution: 25, max: 5_000);

        Tried(search, capacity: 30).ShouldBe([100, 50, 25]);
        search.BestPassing.ShouldBe(25);
    }

    [Fact]
    public void Stops_at_the_maximum()
    {
        var search = new StepSearch(start: 100, step: 100, resolution: 25, max: 300);

        Tried(search, capacity: 10_000).ShouldBe([100, 200, 300]);
        search.BestPassing.ShouldBe(300);
    }
}
