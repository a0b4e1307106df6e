using Invorto.Application.Agents.Configuration;
using Invorto.Application.Audio;
using Invorto.Application.Conversations.Engine;
using Invorto.Application.Conversations.Providers;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;

namespace Invorto.Application.Tests.Conversations.Engine;

public sealed class CallerTurnTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly EngineClock _clock;
    private readonly CallerTurn _turn;
    private readonly long _start;

    public CallerTurnTests()
    {
        _clock = new EngineClock(_time);
        _turn = new CallerTurn(new EndpointingSettings { SilenceMs = 200, WaitFunction = null }, wait: null, _clock);
        _start = _time.GetTimestamp();
    }

    [Fact]
    public void Endpointing_ends_the_turn_once_the_silence_has_passed_after_the_last_voiced_frame()
    {
        Speak(fromMs: 0, toMs: 1000);
        _turn.Accept(Final("I would like to know about pricing"), listening: true);

        var early = _turn.TryEnd(At(1179));
        var ended = _turn.TryEnd(At(1180));

        early.ShouldBeNull();
        ended.ShouldNotBeNull();
        ended.Text.ShouldBe("I would like to know about pricing");
        ended.Confidence.ShouldBe(0.92);
        ended.Timing.ShouldBe(new TurnTiming(At(980), At(1180)));
        _turn.Pending.ShouldBeEmpty();
        _turn.TryEnd(At(2000)).ShouldBeNull("a turn ends once");
    }

    [Fact]
    public void A_turn_does_not_end_while_the_caller_is_still_speaking()
    {
        _turn.OnFrame(Voiced(onset: true), At(0));
        _turn.Accept(Final("I would like to know about pricing"), listening: true);

        var ended = _turn.TryEnd(At(5000));

        ended.ShouldBeNull();
        _turn.Quiet.ShouldBeFalse();
    }

    [Fact]
    public void A_partial_replaces_the_last_partial_and_a_final_clears_it()
    {
        _turn.Accept(Partial("I would"), listening: true);
        _turn.Accept(Partial("I would like"), listening: true);
        var partial = _turn.Partial;

        _turn.Accept(Final("I would like pricing"), listening: true);

        partial.ShouldBe("I would like");
        _turn.Partial.ShouldBeEmpty();
        _turn.Pending.ShouldBe("I would like pricing");
    }

    [Fact]
    public void Finals_accumulate_into_one_turn_and_are_dropped_when_the_agent_is_not_listening()
    {
        _turn.Accept(Final("I would like"), listening: true);
        _turn.Accept(Final("over the consent prompt"), listening: false);
        _turn.Accept(Final("to know about pricing"), listening: true);

        _turn.Pending.ShouldBe("I would like to know about pricing");
    }

    [Fact]
    public void The_first_partial_of_a_burst_reports_its_latency_from_the_speech_onset_once()
    {
        _turn.OnFrame(Voiced(onset: true), At(0));
        var empty = _turn.Heard(Partial(string.Empty), At(100));

        var first = _turn.Heard(Partial("I"), At(340));
        var second = _turn.Heard(Partial("I would"), At(520));
        _turn.OnFrame(Voiced(onset: true), At(2000));
        var nextBurst = _turn.Heard(Partial("yes"), At(2150));

        empty.ShouldBeNull();
        first.ShouldBe(340);
        second.ShouldBeNull();
        nextBurst.ShouldBe(150);
        _turn.Burst.ShouldBe("yes");
    }

    [Fact]
    public void Speech_so_far_counts_the_voiced_frames_of_the_burst()
    {
        Speak(fromMs: 0, toMs: 300, endQuiet: false);

        _turn.SpeechSoFar().ShouldBe(TimeSpan.FromMilliseconds(300));
    }

    private void Speak(int fromMs, int toMs, bool endQuiet = true)
    {
        for (var ms = fromMs; ms < toMs; ms += ConversationOptions.FrameMs)
        {
            _turn.OnFrame(Voiced(onset: ms == fromMs), At(ms));
        }

        if (endQuiet)
        {
            _turn.OnFrame(new CallerFrame(new VoiceActivity(false, false, true, -100, -70), false), At(toMs));
        }
    }

    private static RecognitionResult Final(string text) => new(text, true, 0.92);

    private static RecognitionResult Partial(string text) => new(text, false, 0);

    private static CallerFrame Voiced(bool onset) => new(new VoiceActivity(Speaking: true, Onset: onset, Offset: false, FrameDbfs: -18, NoiseFloorDb: -70), Voiced: true);

    private long At(int milliseconds) => _clock.After(_start, TimeSpan.FromMilliseconds(milliseconds));
}
