using Invorto.Application.Agents.Configuration;
using Invorto.Application.Audio;
using Invorto.Application.Conversations.Engine;
using Invorto.Application.Conversations.Providers;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;

namespace Invorto.Application.Tests.Conversations.Engine;

public sealed class BargeInDetectorTests
{
    private static readonly TimeSpan ResumeAfter = TimeSpan.FromSeconds(2);
    private readonly FakeTimeProvider _time = new();
    private readonly EngineClock _clock;
    private readonly CallerTurn _caller;
    private readonly BargeInDetector _detector;
    private readonly long _cut;

    public BargeInDetectorTests()
    {
        _clock = new EngineClock(_time);
        var config = new AgentConfig { BargeIn = new BargeInSettings { MinWords = 2, MinSpeechMs = 300 } };
        _caller = new CallerTurn(config.Endpointing, new WaitFunctionCache().Get(config.Endpointing.WaitFunction), _clock);
        _detector = new BargeInDetector(config, new ConversationOptions { ResumeAfterInterruption = ResumeAfter }, _clock);
        _cut = _time.GetTimestamp();
    }

    [Fact]
    public void A_resume_is_due_only_once_the_resume_delay_has_passed_after_the_cut()
    {
        _detector.PlanResume("the rest of the answer", _cut);

        var early = _detector.ResumeDue(At(1999), _caller, replying: false);
        var due = _detector.ResumeDue(At(2000), _caller, replying: false);

        early.ShouldBeFalse();
        due.ShouldBeTrue();
        _detector.TakeResume().ShouldBe("the rest of the answer");
        _detector.ResumeDue(At(3000), _caller, replying: false).ShouldBeFalse("a resume is taken once");
    }

    [Fact]
    public void A_resume_waits_while_the_caller_speaks()
    {
        _detector.PlanResume("the rest", _cut);
        _caller.OnFrame(Voiced(onset: true), At(2500));

        var speaking = _detector.ResumeDue(At(2600), _caller, replying: false);
        _caller.OnFrame(Quiet(), At(2620));
        var quiet = _detector.ResumeDue(At(2640), _caller, replying: false);

        speaking.ShouldBeFalse();
        quiet.ShouldBeTrue();
    }

    [Fact]
    public void A_resume_waits_while_a_partial_is_pending_or_another_reply_runs()
    {
        _detector.PlanResume("the rest", _cut);
        _caller.Accept(new RecognitionResult("wait", false, 0), listening: true);

        var withPartial = _detector.ResumeDue(At(3000), _caller, replying: false);
        _caller.Accept(new RecognitionResult(string.Empty, false, 0), listening: true);
        var replying = _detector.ResumeDue(At(3000), _caller, replying: true);

        withPartial.ShouldBeFalse();
        replying.ShouldBeFalse();
        _detector.ResumeDue(At(3000), _caller, replying: false).ShouldBeTrue();
    }

    [Fact]
    public void Nothing_is_resumed_when_the_cut_left_nothing_unsaid_or_the_caller_took_the_turn()
    {
        var nothingLeft = new BargeInDetector(new AgentConfig(), new ConversationOptions { ResumeAfterInterruption = ResumeAfter }, _clock);
        nothingLeft.PlanResume(string.Empty, _cut);
        _detector.PlanResume("the rest", _cut);

        _detector.CancelResume();

        nothingLeft.ResumeDue(At(5000), _caller, replying: false).ShouldBeFalse();
        _detector.ResumeDue(At(5000), _caller, replying: false).ShouldBeFalse();
    }

    [Fact]
    public void Speech_interrupts_a_speaking_reply_once_it_has_enough_words_but_a_backchannel_does_not()
    {
        var reply = SpeakingReply();
        _caller.OnFrame(Voiced(onset: true), At(0));
        _caller.Heard(new RecognitionResult("okay", false, 0), At(100));
        var backchannel = _detector.Interrupts(reply, _caller);

        _caller.Heard(new RecognitionResult("wait stop", false, 0), At(120));
        var words = _detector.Interrupts(reply, _caller);

        backchannel.ShouldBeFalse();
        words.ShouldBeTrue();
    }

    [Fact]
    public void Nothing_interrupts_a_reply_that_is_not_speaking()
    {
        var reply = new ReplyHandle(1, interruptible: true, turn: null, CancellationToken.None);
        _caller.OnFrame(Voiced(onset: true), At(0));
        _caller.Heard(new RecognitionResult("wait stop now", false, 0), At(100));

        _detector.Interrupts(reply, _caller).ShouldBeFalse();
        _detector.Interrupts(null, _caller).ShouldBeFalse();
    }

    private static ReplyHandle SpeakingReply()
    {
        var reply = new ReplyHandle(1, interruptible: true, turn: null, CancellationToken.None);
        var segment = reply.AddSegment("Our plans start at ninety nine rupees.", "invorto-1").ShouldNotBeNull();
        segment.Frames++;
        reply.FrameSent(segment);
        return reply;
    }

    private static CallerFrame Voiced(bool onset) => new(new VoiceActivity(Speaking: true, Onset: onset, Offset: false, FrameDbfs: -18, NoiseFloorDb: -70), Voiced: true);

    private static CallerFrame Quiet() => new(new VoiceActivity(Speaking: false, Onset: false, Offset: true, FrameDbfs: -100, NoiseFloorDb: -70), Voiced: false);

    private long At(int milliseconds) => _clock.After(_cut, TimeSpan.FromMilliseconds(milliseconds));
}
