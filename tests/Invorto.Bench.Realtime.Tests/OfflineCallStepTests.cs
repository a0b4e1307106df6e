using Invorto.Bench.Offline.Calls;

namespace Invorto.Bench.Realtime.Tests;

public sealed class OfflineCallStepTests
{
    private static readonly CallStep Passing = new()
    {
        Sessions = 20,
        Ready = 20,
        Dropped = 0,
        Frames = 2400,
        LatenessP50Ms = 0.1,
        LatenessP99Ms = 4.99,
        LateFrames = 0,
        AnsweredTurns = 18,
        UnansweredTurns = 2,
        TurnLatencyP50Ms = 1800,
        TurnLatencyP95Ms = 3000,
        SttFinalToAudioP50Ms = 5,
        SttFinalToAudioP95Ms = 20,
        ServerErrors = 0,
        ServerCores = 0.4,
        MeasuredSeconds = 20,
        TurnLatencyByPhrase = new Dictionary<string, (double, int)>(),
        SendSlipP99Ms = 6,
        LoadAverageBefore = 1,
        LoadAverageAfter = 1,
    };

    [Fact]
    public void A_step_passes_with_every_call_up_lateness_p99_under_5_ms_and_nine_turns_in_ten_answered()
    {
        Passing.Passed.ShouldBeTrue();
        Passing.ClientBound.ShouldBeTrue("a slow client is flagged, not failed");
    }

    [Fact]
    public void A_step_fails_on_lateness_lost_turns_or_calls()
    {
        (Passing with { LatenessP99Ms = 5 }).Passed.ShouldBeFalse();
        (Passing with { LatenessP99Ms = null }).Passed.ShouldBeFalse();
        (Passing with { UnansweredTurns = 3 }).Passed.ShouldBeFalse();
        (Passing with { AnsweredTurns = 0, UnansweredTurns = 0 }).Passed.ShouldBeFalse();
        (Passing with { Ready = 19 }).Passed.ShouldBeFalse();
        (Passing with { Dropped = 1 }).Passed.ShouldBeFalse();
    }
}
