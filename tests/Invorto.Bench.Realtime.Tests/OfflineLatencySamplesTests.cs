using Invorto.Bench.Offline.Calls;

namespace Invorto.Bench.Realtime.Tests;

public sealed class OfflineLatencySamplesTests
{
    [Fact]
    public void Percentiles_are_nearest_rank_over_exact_values_of_any_length()
    {
        var samples = new LatencySamples();
        foreach (var ms in new[] { 3028.11, 364.2, 2741.0, 521.5, 391.0, 5000.0, 673.0, 2593.0, 2473.0, 365.0 })
        {
            samples.Add(ms);
        }

        samples.Count.ShouldBe(10);
        samples.Percentile(50).ShouldBe(673.0);
        samples.Percentile(95).ShouldBe(5000.0);
        samples.Percentile(10).ShouldBe(364.2);
    }

    [Fact]
    public void No_samples_have_no_percentile() => new LatencySamples().Percentile(95).ShouldBeNull();
}
