using Invorto.Bench.Offline.Calls;

namespace Invorto.Bench.Realtime.Tests;

public sealed class OfflineCallerTurnsTests
{
    private const double TicksPerMs = 1000;
    private static readonly byte[] Voiced = Frame(8000);
    private static readonly byte[] Quiet = new byte[640];

    private static readonly SpokenPhrase[] Phrases =
    [
        new("first", [Voiced, Voiced, Voiced, Quiet], LastVoiced: 2),
        new("second", [Voiced, Quiet], LastVoiced: 0),
    ];

    private static long Ms(double ms) => (long)(ms * TicksPerMs);

    [Fact]
    public void Speaks_after_the_greeting_has_been_quiet_and_marks_the_last_voiced_frame()
    {
        var turns = new CallerTurns(Phrases, 0, TicksPerMs, firstTurnAt: Ms(1000));
        var greetingEnd = Ms(1200);

        turns.Next(Ms(1500), greetingEnd, answerPending: false, out _, out _).ShouldBeNull("the greeting only just ended");
        var marks = new List<bool>();
        for (var t = 1900.0; t < 1980; t += 20)
        {
            turns.Next(Ms(t), greetingEnd, answerPending: false, out var voicedEnd, out _).ShouldNotBeNull();
            marks.Add(voicedEnd);
        }

        marks.ShouldBe([false, false, true, false]);
        turns.Phrase.ShouldBe("first");
        turns.Turns.ShouldBe(1);
    }

    [Fact]
    public void Waits_for_the_answer_to_end_then_says_the_next_phrase()
    {
        var turns = new CallerTurns(Phrases, 0, TicksPerMs, firstTurnAt: 0);
        for (var t = 5000.0; t < 5080; t += 20)
        {
            turns.Next(Ms(t), lastAgentFrame: Ms(1000), answerPending: false, out _, out _);
        }

        turns.Next(Ms(6000), Ms(1000), answerPending: true, out _, out _).ShouldBeNull("the answer has not started");
        turns.Next(Ms(6500), Ms(6490), answerPending: false, out _, out _).ShouldBeNull("the agent is speaking");
        turns.Next(Ms(7300), Ms(6500), answerPending: false, out _, out _).ShouldBe(Voiced);
        turns.Phrase.ShouldBe("second");
        turns.Unanswered.ShouldBe(0);
    }

    [Fact]
    public void Gives_up_an_answer_that_never_starts_and_speaks_again()
    {
        var turns = new CallerTurns(Phrases, 1, TicksPerMs, firstTurnAt: 0);
        turns.Next(Ms(6000), lastAgentFrame: 0, answerPending: false, out var voicedEnd, out _).ShouldBe(Voiced);
        voicedEnd.ShouldBeTrue();
        turns.Next(Ms(6020), 0, answerPending: true, out _, out _).ShouldBe(Quiet);

        turns.Next(Ms(6000 + CallerTurns.AnswerTimeoutMs - 20), 0, answerPending: true, out _, out var gaveUp).ShouldBeNull();
        gaveUp.ShouldBeFalse();
        turns.Next(Ms(6000 + CallerTurns.AnswerTimeoutMs), 0, answerPending: true, out _, out gaveUp).ShouldBe(Voiced);
        gaveUp.ShouldBeTrue();
        turns.Unanswered.ShouldBe(1);
        turns.Phrase.ShouldBe("first");
    }

    [Fact]
    public void The_last_voiced_frame_is_the_last_one_at_or_above_minus_40_dBFS()
    {
        byte[][] frames = [Frame(100), Frame(8000), Frame(400), Frame(100), Quiet];

        VoicedFrames.LastVoiced(frames).ShouldBe(2);
        VoicedFrames.LastVoiced([Quiet, Frame(100)]).ShouldBe(-1);
        VoicedFrames.Cut(new byte[1000], 640).Select(f => f.Length).ShouldBe([640, 640]);
    }

    private static byte[] Frame(short amplitude)
    {
        var frame = new byte[640];
        for (var i = 0; i < 320; i++)
        {
            BitConverter.TryWriteBytes(frame.AsSpan(i * 2), (short)(i % 2 == 0 ? amplitude : -amplitude));
        }

        return frame;
    }
}
