using Invorto.Bench.Offline.Calls;

namespace Invorto.Bench.Realtime.Tests;

public sealed class OfflineTurnClockTests
{
    private const double TicksPerMs = 1000;

    [Fact]
    public void The_first_agent_frame_after_the_callers_voice_ended_answers_the_turn_from_both_marks()
    {
        var clock = new TurnClock(TicksPerMs);
        clock.OnVoicedEnd(10_000);
        clock.OnSttFinal(600_000);

        var answer = clock.OnAgentFrame(650_000);

        answer.ShouldNotBeNull();
        answer.VoicedEndAt.ShouldBe(10_000);
        answer.FromVoicedEndMs.ShouldBe(640);
        answer.FromSttFinalMs.ShouldBe(50);
        clock.Pending.ShouldBeFalse();
    }

    [Fact]
    public void Frames_with_no_turn_pending_answer_nothing()
    {
        var clock = new TurnClock(TicksPerMs);
        clock.OnAgentFrame(1_000).ShouldBeNull();

        clock.OnVoicedEnd(10_000);
        clock.OnAgentFrame(20_000).ShouldNotBeNull();
        clock.OnAgentFrame(40_000).ShouldBeNull("the rest of the answer");
    }

    [Fact]
    public void A_final_before_the_voice_ended_or_a_second_final_does_not_move_the_mark()
    {
        var clock = new TurnClock(TicksPerMs);
        clock.OnSttFinal(5_000);
        clock.OnVoicedEnd(10_000);
        clock.OnSttFinal(300_000);
        clock.OnSttFinal(400_000);

        clock.OnAgentFrame(500_000)!.FromSttFinalMs.ShouldBe(200);
    }

    [Fact]
    public void An_abandoned_turn_pairs_with_no_later_frame()
    {
        var clock = new TurnClock(TicksPerMs);
        clock.OnVoicedEnd(10_000);
        clock.Abandon();

        clock.Pending.ShouldBeFalse();
        clock.OnAgentFrame(20_000).ShouldBeNull();
    }
}
