namespace Invorto.Bench.Realtime;

/// <summary>
/// Per-session frame timing of the agent's audio. An utterance is a run of frames whose gaps stay under 100 ms (or the
/// whole stream when <c>continuous</c>); each frame's lateness is its arrival minus the utterance's ideal 20 ms grid,
/// anchored so that the earliest frame of the utterance has lateness 0. A gap of 60 ms or more inside an utterance counts
/// floor(gap / 20) − 1 missed frames; a lateness above 60 ms is a late frame. Arrival times are kept in a buffer allocated
/// once, so recording a frame does not allocate; a full buffer closes the utterance early.
/// </summary>
public sealed class UtteranceTracker
{
    public const double FrameMs = 20;
    public const double UtteranceGapMs = 100;
    public const double MissedGapMs = 60;
    public const double LateMs = 60;

    private readonly long[] _arrivals;
    private readonly bool _continuous;
    private readonly double _ticksPerMs;
    private readonly long _frameTicks;
    private int _count;
    private long _last;

    public UtteranceTracker(int capacity, bool continuous, double ticksPerMs)
    {
        _arrivals = new long[capacity];
        _continuous = continuous;
        _ticksPerMs = ticksPerMs;
        _frameTicks = (long)Math.Round(FrameMs * ticksPerMs);
    }

    public long Frames { get; private set; }

    public long LateFrames { get; private set; }

    public long MissedFrames { get; private set; }

    public long Utterances { get; private set; }

    /// <summary>Records one frame's arrival; lateness goes to <paramref name="lateness"/> when its utterance closes.</summary>
    public void OnFrame(long arrival, Histogram lateness)
    {
        if (_count > 0)
        {
            var gapMs = (arrival - _last) / _ticksPerMs;
            if (!_continuous && gapMs >= UtteranceGapMs)
            {
                Flush(lateness);
            }
            else if (gapMs >= MissedGapMs)
            {
                MissedFrames += (long)Math.Floor(gapMs / FrameMs) - 1;
            }
        }

        if (_count == _arrivals.Length)
        {
            Flush(lateness);
        }

        _arrivals[_count++] = arrival;
        _last = arrival;
        Frames++;
    }

    /// <summary>Forgets the open utterance without recording it (frames before the measured window).</summary>
    public void Discard() => _count = 0;

    /// <summary>Closes the open utterance and records the lateness of its frames.</summary>
    public void Flush(Histogram lateness)
    {
        if (_count == 0)
        {
            return;
        }

        var min = long.MaxValue;
        for (var i = 0; i < _count; i++)
        {
            min = Math.Min(min, _arrivals[i] - (i * _frameTicks));
        }

        for (var i = 0; i < _count; i++)
        {
            var lateMs = (_arrivals[i] - (i * _frameTicks) - min) / _ticksPerMs;
            if (lateMs > LateMs)
            {
                LateFrames++;
            }

            lateness.RecordMicroseconds((long)Math.Round(lateMs * 1000));
        }

        Utterances++;
        _count = 0;
    }
}
