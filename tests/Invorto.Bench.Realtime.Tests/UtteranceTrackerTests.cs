using Invorto.Bench.Realtime;

namespace Invorto.Bench.Realtime.Tests;

public sealed class UtteranceTrackerTests
{
    // One tick per microsecond keeps the arithmetic readable.
    private const double TicksPerMs = 1000;

    private static long Ms(double ms) => (long)(ms * TicksPerMs);

    [Fact]
    public void Frames_on_the_grid_have_zero_lateness()
    {
        var tracker = new UtteranceTracker(64, continuous: false, TicksPerMs);
        var lateness = new Histogram();

        for (var i = 0; i < 10; i++)
        {
            tracker.OnFrame(Ms(1_000 + (i * 20)), lateness);
        }

        tracker.Flush(lateness);

        lateness.Count.ShouldBe(10);
        lateness.MaxMs.ShouldBe(0);
        tracker.LateFrames.ShouldBe(0);
        tracker.MissedFrames.ShouldBe(0);
    }

    [Fact]
    public void The_grid_is_anchored_at_the_earliest_frame_not_the_first()
    {
        // The first frame is 3 ms late; the others are on time, so it is the one with lateness 3.
        var tracker = new UtteranceTracker(64, continuous: false, TicksPerMs);
        var lateness = new Histogram();

        tracker.OnFrame(Ms(3), lateness);
        tracker.OnFrame(Ms(20), lateness);
        tracker.OnFrame(Ms(40), lateness);
        tracker.OnFrame(Ms(67), lateness);
        tracker.Flush(lateness);

        lateness.MaxMs.ShouldBe(7);
        lateness.PercentileMs(50).ShouldBe(0);
        lateness.PercentileMs(75).ShouldBe(3);
    }

    [Fact]
    public void A_stall_makes_the_delayed_frames_late_and_counts_missed_frames_from_the_gap()
    {
        var tracker = new UtteranceTracker(64, continuous: false, TicksPerMs);
        var lateness = new Histogram();

        tracker.OnFrame(Ms(0), lateness);
        tracker.OnFrame(Ms(20), lateness);
        // 75 ms stall, then the delayed frames arrive back to back.
        tracker.OnFrame(Ms(95), lateness);
        tracker.OnFrame(Ms(95.5), lateness);
        tracker.OnFrame(Ms(96), lateness);
        tracker.Flush(lateness);

        tracker.MissedFrames.ShouldBe(2);
        lateness.MaxMs.ShouldBe(55);
        tracker.LateFrames.ShouldBe(0);
    }

    [Fact]
    public void Lateness_above_60_ms_is_a_late_frame()
    {
        var tracker = new UtteranceTracker(64, continuous: false, TicksPerMs);
        var lateness = new Histogram();

        tracker.OnFrame(Ms(0), lateness);
        tracker.OnFrame(Ms(85), lateness);
        tracker.Flush(lateness);

        tracker.LateFrames.ShouldBe(1);
        tracker.MissedFrames.ShouldBe(3);
    }

    [Fact]
    public void A_gap_of_100_ms_starts_a_new_utterance_with_its_own_grid()
    {
        var tracker = new UtteranceTracker(64, continuous: false, TicksPerMs);
        var lateness = new Histogram();

        tracker.OnFrame(Ms(0), lateness);
        tracker.OnFrame(Ms(20), lateness);
        tracker.OnFrame(Ms(513), lateness);
        tracker.OnFrame(Ms(533), lateness);
        tracker.Flush(lateness);

        tracker.Utterances.ShouldBe(2);
        tracker.MissedFrames.ShouldBe(0);
        lateness.MaxMs.ShouldBe(0);
    }

    [Fact]
    public void A_continuous_stream_counts_a_long_gap_as_missed_frames()
    {
        var tracker = new UtteranceTracker(64, continuous: true, TicksPerMs);
        var lateness = new Histogram();

        tracker.OnFrame(Ms(0), lateness);
        tracker.OnFrame(Ms(200), lateness);
        tracker.Flush(lateness);

        tracker.Utterances.ShouldBe(1);
        tracker.MissedFrames.ShouldBe(9);
        tracker.LateFrames.ShouldBe(1);
    }

    [Fact]
    public void Discarded_frames_are_not_recorded()
    {
        var tracker = new UtteranceTracker(64, continuous: true, TicksPerMs);
        var lateness = new Histogram();

        tracker.OnFrame(Ms(0), lateness);
        tracker.OnFrame(Ms(90), lateness);
        tracker.Discard();
        tracker.OnFrame(Ms(110), lateness);
        tracker.OnFrame(Ms(130), lateness);
        tracker.Flush(lateness);

        lateness.Count.ShouldBe(2);
        lateness.MaxMs.ShouldBe(0);
    }

    [Fact]
    public void A_full_buffer_closes_the_utterance_and_keeps_counting()
    {
        var tracker = new UtteranceTracker(4, continuous: true, TicksPerMs);
        var lateness = new Histogram();

        for (var i = 0; i < 10; i++)
        {
            tracker.OnFrame(Ms(i * 20), lateness);
        }

        tracker.Flush(lateness);

        tracker.Frames.ShouldBe(10);
        lateness.Count.ShouldBe(10);
        tracker.Utterances.ShouldBe(3);
    }
}
