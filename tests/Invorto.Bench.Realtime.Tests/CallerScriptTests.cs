using Invorto.Bench.Realtime;

namespace Invorto.Bench.Realtime.Tests;

public sealed class CallerScriptTests
{
    private const double TicksPerMs = 1000;
    private static readonly byte[][] Burst = SpeechBurst.Build(100);

    private static long Ms(double ms) => (long)(ms * TicksPerMs);

    /// <summary>A fake agent that answers every burst: it starts speaking <c>delay</c> after a burst ends, for <c>length</c>, unless cut off.</summary>
    private sealed class Agent(double delayMs, double lengthMs)
    {
        private double? _answerStart;
        private double _answerEnd;

        public long LastFrame { get; private set; }

        public long UtteranceStart { get; private set; }

        public void BurstEnded(double now)
        {
            _answerStart = now + delayMs;
            _answerEnd = now + delayMs + lengthMs;
        }

        public void CutOff(double now) => _answerEnd = Math.Min(_answerEnd, now);

        public void Tick(double now)
        {
            if (_answerStart is { } start && now >= start && now < _answerEnd)
            {
                if (LastFrame == 0 || now - (LastFrame / TicksPerMs) >= 100)
                {
                    UtteranceStart = Ms(now);
                }

                LastFrame = Ms(now);
            }
        }
    }

    [Fact]
    public void Waits_for_the_first_turn_then_speaks_a_whole_burst()
    {
        var script = new CallerScript(Burst, TicksPerMs, firstTurnAt: Ms(1_000));

        script.Next(Ms(980), 0, 0, out _).ShouldBeNull();
        for (var i = 0; i < Burst.Length; i++)
        {
            script.Next(Ms(1_000 + (i * 20)), 0, 0, out var onset).ShouldBeSameAs(Burst[i]);
            onset.ShouldBeFalse();
        }

        script.Next(Ms(1_100), 0, 0, out _).ShouldBeNull();
        script.Turns.ShouldBe(1);
    }

    [Fact]
    public void Answers_come_after_700_ms_of_agent_silence_and_every_fourth_turn_barges_in_600_ms_into_the_answer()
    {
        var script = new CallerScript(Burst, TicksPerMs, firstTurnAt: 0);
        var agent = new Agent(delayMs: 300, lengthMs: 2_000);
        var burstStarts = new List<double>();
        var onsets = new List<double>();
        var speaking = false;
        for (double now = 0; now < 20_000; now += 20)
        {
            agent.Tick(now);
            var frame = script.Next(Ms(now), agent.LastFrame, agent.UtteranceStart, out var onset);
            if (frame is not null && !speaking)
            {
                burstStarts.Add(now);
            }

            if (onset)
            {
                onsets.Add(now);
                agent.CutOff(now + 30);
            }

            if (ReferenceEquals(frame, Burst[^1]))
            {
                agent.BurstEnded(now);
            }

            speaking = frame is not null && !ReferenceEquals(frame, Burst[^1]);
        }

        // Turn 1 at 0 (burst of 5 frames, the last sent at 80; answer frames 380..2360), turn 2 at 2360 + 700,
        // turn 3 likewise, turn 4 barges in.
        burstStarts[0].ShouldBe(0);
        burstStarts[1].ShouldBe(3_060);
        (burstStarts[2] - burstStarts[1]).ShouldBe(3_060);
        script.BargeIns.ShouldBeGreaterThanOrEqualTo(1);
        onsets[0].ShouldBe(burstStarts[3]);
        // The barge-in starts 600 ms after the answer to turn 3 started (turn 3's burst ends 80 ms after it starts, + 300 ms).
        (onsets[0] - (burstStarts[2] + 80 + 300)).ShouldBe(600);
        script.Unanswered.ShouldBe(0);
    }

    [Fact]
    public void An_answer_that_never_comes_is_given_up_after_five_seconds()
    {
        var script = new CallerScript(Burst, TicksPerMs, firstTurnAt: 0);
        var starts = new List<double>();
        var speaking = false;
        for (double now = 0; now < 6_000; now += 20)
        {
            var frame = script.Next(Ms(now), 0, 0, out _);
            if (frame is not null && !speaking)
            {
                starts.Add(now);
            }

            speaking = frame is not null && !ReferenceEquals(frame, Burst[^1]);
        }

        starts.ShouldBe([0, 5_080]);
        script.Unanswered.ShouldBe(1);
    }
}
