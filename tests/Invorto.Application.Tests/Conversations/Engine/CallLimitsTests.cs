using Invorto.Application.Agents.Configuration;
using Invorto.Application.Conversations.Engine;
using Invorto.Application.Conversations.Transport;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;

namespace Invorto.Application.Tests.Conversations.Engine;

public sealed class CallLimitsTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly EngineClock _clock;
    private readonly long _start;

    public CallLimitsTests()
    {
        _clock = new EngineClock(_time);
        _start = _time.GetTimestamp();
    }

    [Fact]
    public void The_maximum_duration_ends_the_call_with_a_goodbye_once()
    {
        var limits = Limits(new EndCallSettings { MaxDurationSec = 3, SilenceHangupSec = 60 });
        limits.CheckLocked(At(2000), quiet: false).ShouldBeNull();

        var stop = limits.CheckLocked(At(3000), quiet: false);
        var again = limits.CheckLocked(At(5000), quiet: false);

        stop.ShouldBe(new SessionSignal.Stop(ConversationEndReasons.MaxDuration, SayGoodbye: true));
        limits.Stopping.ShouldBeTrue();
        again.ShouldBeNull();
    }

    [Fact]
    public void Silence_ends_the_call_with_a_goodbye_once_after_the_configured_seconds()
    {
        var limits = Limits(new EndCallSettings { SilenceHangupSec = 2 });
        limits.CheckLocked(At(1000), quiet: true).ShouldBeNull();

        var stop = limits.CheckLocked(At(2000), quiet: true);
        var again = limits.CheckLocked(At(3000), quiet: true);

        stop.ShouldBe(new SessionSignal.Stop(ConversationEndReasons.Silence, SayGoodbye: true));
        again.ShouldBeNull();
    }

    [Fact]
    public void Silence_does_not_end_the_call_while_someone_speaks()
    {
        var limits = Limits(new EndCallSettings { SilenceHangupSec = 2 });

        var stop = limits.CheckLocked(At(10_000), quiet: false);

        stop.ShouldBeNull();
        limits.Stopping.ShouldBeFalse();
    }

    [Fact]
    public void Activity_restarts_the_silence_clock()
    {
        var limits = Limits(new EndCallSettings { SilenceHangupSec = 2 });
        limits.Activity(At(1500));

        var early = limits.CheckLocked(At(3000), quiet: true);
        var late = limits.CheckLocked(At(4000), quiet: true);

        early.ShouldBeNull();
        late.ShouldNotBeNull().Reason.ShouldBe(ConversationEndReasons.Silence);
    }

    [Fact]
    public void Limits_are_checked_at_most_once_a_second()
    {
        var limits = Limits(new EndCallSettings { SilenceHangupSec = 1 });
        limits.CheckLocked(At(500), quiet: true).ShouldBeNull();

        var notYetChecked = limits.CheckLocked(At(1200), quiet: true);
        var checkedAgain = limits.CheckLocked(At(1500), quiet: true);

        notYetChecked.ShouldBeNull();
        checkedAgain.ShouldNotBeNull().Reason.ShouldBe(ConversationEndReasons.Silence);
    }

    [Fact]
    public void No_limit_fires_once_the_call_is_ending()
    {
        var limits = Limits(new EndCallSettings { MaxDurationSec = 1, SilenceHangupSec = 1 });
        limits.EndAfterReply(ConversationEndReasons.Agent);

        var stop = limits.CheckLocked(At(5000), quiet: true);

        stop.ShouldBeNull();
        limits.StopReason.ShouldBe(ConversationEndReasons.Agent);
    }

    [Fact]
    public void The_first_reason_to_end_after_a_reply_wins_but_a_goodbye_gives_its_own()
    {
        var limits = Limits(new EndCallSettings());

        limits.EndAfterReply(ConversationEndReasons.Agent);
        limits.EndAfterReply(ConversationEndReasons.Silence);
        var afterReply = limits.StopReason;
        limits.EndWithGoodbye(ConversationEndReasons.MaxDuration);

        afterReply.ShouldBe(ConversationEndReasons.Agent);
        limits.StopReason.ShouldBe(ConversationEndReasons.MaxDuration);
    }

    [Theory]
    [InlineData("Okay GOODBYE then", true)]
    [InlineData("that is all thanks", true)]
    [InlineData("good bye", false)]
    [InlineData("tell me more", false)]
    public void An_end_phrase_anywhere_in_the_callers_words_ends_the_call(string said, bool ends)
    {
        var limits = Limits(new EndCallSettings { Phrases = ["goodbye", " ", "that is all"] });

        limits.IsEndPhrase(said).ShouldBe(ends);
    }

    private CallLimits Limits(EndCallSettings settings) => new(settings, _start, _clock);

    private long At(int milliseconds) => _clock.After(_start, TimeSpan.FromMilliseconds(milliseconds));
}
