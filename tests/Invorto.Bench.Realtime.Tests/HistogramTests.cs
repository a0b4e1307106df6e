using Invorto.Bench.Realtime;

namespace Invorto.Bench.Realtime.Tests;

public sealed class HistogramTests
{
    [Fact]
    public void Percentiles_are_nearest_rank()
    {
        var histogram = new Histogram();
        for (var ms = 1; ms <= 100; ms++)
        {
            histogram.RecordMicroseconds(ms * 1000);
        }

        histogram.PercentileMs(50).ShouldBe(50);
        histogram.PercentileMs(95).ShouldBe(95);
        histogram.PercentileMs(99).ShouldBe(99);
        histogram.PercentileMs(100).ShouldBe(100);
        histogram.MaxMs.ShouldBe(100);
        histogram.MeanMs.ShouldBe(50.5);
    }

    [Fact]
    public void An_empty_histogram_has_no_percentile()
    {
        new Histogram().PercentileMs(99).ShouldBeNull();
    }

    [Fact]
    public void Values_beyond_the_range_report_the_maximum_and_negatives_count_as_zero()
    {
        var histogram = new Histogram();
        histogram.RecordMicroseconds(-5);
        histogram.RecordMicroseconds(3_500_000);

        histogram.PercentileMs(50).ShouldBe(0);
        histogram.PercentileMs(100).ShouldBe(3_500);
    }

    [Fact]
    public void Adding_merges_counts_and_maximum()
    {
        var a = new Histogram();
        var b = new Histogram();
        a.RecordMicroseconds(1_000);
        b.RecordMicroseconds(9_000);
        b.RecordMicroseconds(9_000);

        a.Add(b);

        a.Count.ShouldBe(3);
        a.PercentileMs(50).ShouldBe(9);
        a.MaxMs.ShouldBe(9);
    }

    [Fact]
    public void Concurrent_recording_loses_nothing()
    {
        var histogram = new Histogram();
        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                histogram.RecordMicroseconds(i);
            }
        });

        histogram.Count.ShouldBe(80_000);
        histogram.MaxMs.ShouldBe(9.999);
    }
}
