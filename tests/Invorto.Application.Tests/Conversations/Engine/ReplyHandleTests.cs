using Invorto.Application.Conversations.Engine;
using Shouldly;
using Xunit;

namespace Invorto.Application.Tests.Conversations.Engine;

public sealed class ReplyHandleTests
{
    private static readonly TimeSpan NoFarEndBuffer = TimeSpan.Zero;

    [Fact]
    public void A_reply_cut_after_its_first_sentence_keeps_that_sentence_as_heard_and_the_rest_as_remainder()
    {
        var reply = Reply();
        Spoken(reply, "Our plans start at ninety nine rupees.", frames: 50, sent: 50);
        Spoken(reply, "You can cancel at any time.", frames: 40, sent: 0);

        var heard = reply.Interrupt(NoFarEndBuffer);

        heard.Played.ShouldBe("Our plans start at ninety nine rupees.");
        heard.Remainder.ShouldBe("You can cancel at any time.");
        reply.Segments[1].Cleared.ShouldBeTrue();
        reply.Segments[0].Cleared.ShouldBeFalse();
    }

    [Fact]
    public void Audio_still_in_the_far_end_buffer_does_not_count_as_heard()
    {
        var reply = Reply();
        Spoken(reply, "Our plans start at ninety nine rupees.", frames: 50, sent: 50);

        var heard = reply.Interrupt(TimeSpan.FromMilliseconds(50 * ConversationOptions.FrameMs));

        heard.Played.ShouldBeEmpty();
        heard.Remainder.ShouldBe("Our plans start at ninety nine rupees.");
    }

    [Fact]
    public void A_playout_report_is_a_fact_that_outweighs_the_buffer_estimate()
    {
        var reply = Reply();
        Spoken(reply, "Our plans start at ninety nine rupees.", frames: 50, sent: 50).PlayedOut = true;

        var heard = reply.Interrupt(TimeSpan.FromSeconds(2));

        heard.Played.ShouldBe("Our plans start at ninety nine rupees.");
    }

    [Fact]
    public void A_sentence_cut_halfway_is_heard_up_to_the_words_played()
    {
        var reply = Reply();
        Spoken(reply, "one two three four five six seven eight", frames: 100, sent: 50);

        var heard = reply.Interrupt(NoFarEndBuffer);

        heard.Played.Length.ShouldBeGreaterThan(0);
        heard.Played.Length.ShouldBeLessThan("one two three four five six seven eight".Length);
        "one two three four five six seven eight".ShouldStartWith(heard.Played);
        (heard.Played + " " + heard.Remainder).ShouldBe("one two three four five six seven eight");
    }

    [Fact]
    public void An_interrupted_reply_is_over_its_token_is_cancelled_and_it_takes_no_more_segments_or_text()
    {
        var reply = Reply();
        Spoken(reply, "Hello.", frames: 10, sent: 10);

        reply.Interrupt(NoFarEndBuffer);
        reply.Cancel();

        reply.IsCurrent.ShouldBeFalse();
        reply.Active.ShouldBeFalse();
        reply.Speaking.ShouldBeFalse();
        reply.Interrupted.ShouldBeTrue();
        reply.Token.IsCancellationRequested.ShouldBeTrue();
        reply.AddSegment("More.", "m").ShouldBeNull();
        reply.AppendText("More.");
        reply.TakeText().ShouldBe("Hello.");
    }

    [Fact]
    public void A_reply_finishes_once_when_synthesis_is_complete()
    {
        var reply = Reply();
        Spoken(reply, "Hello.", frames: 2, sent: 2);

        reply.TryFinish().ShouldBeFalse();
        reply.CompleteSynthesis();

        reply.TryFinish().ShouldBeTrue();
        reply.TryFinish().ShouldBeFalse();
        reply.Active.ShouldBeFalse();
        reply.IsCurrent.ShouldBeTrue();
    }

    [Fact]
    public void Only_the_first_frame_of_an_answer_to_a_turn_reports_the_turn_latency()
    {
        var answer = Reply(new TurnTiming(1, 2));
        var greeting = Reply();
        var answerSegment = answer.AddSegment("Hi.", "a")!;
        var greetingSegment = greeting.AddSegment("Hi.", "g")!;

        answer.FrameSent(answerSegment).ShouldBeTrue();
        answer.FrameSent(answerSegment).ShouldBeFalse();
        greeting.FrameSent(greetingSegment).ShouldBeFalse();
        answer.Speaking.ShouldBeTrue();
    }

    private static ReplyHandle Reply(TurnTiming? turn = null) => new(1, interruptible: true, turn, CancellationToken.None);

    [Fact]
    public void A_retired_reply_is_cancelled_whether_its_task_finished_before_or_after()
    {
        using var life = new CancellationTokenSource();
        var finishedFirst = new ReplyHandle(1, interruptible: true, turn: null, life.Token);
        var retiredFirst = new ReplyHandle(2, interruptible: true, turn: null, life.Token);

        finishedFirst.Finish();
        finishedFirst.Retire();
        retiredFirst.Retire();
        retiredFirst.Finish();

        finishedFirst.Token.IsCancellationRequested.ShouldBeTrue();
        retiredFirst.Token.IsCancellationRequested.ShouldBeTrue();
        Should.NotThrow(() => retiredFirst.Cancel());
    }

    [Fact]
    public void A_running_reply_is_cancelled_with_the_session()
    {
        using var life = new CancellationTokenSource();
        var reply = new ReplyHandle(1, interruptible: true, turn: null, life.Token);

        life.Cancel();

        reply.Token.IsCancellationRequested.ShouldBeTrue();
    }

    private static SpokenSegment Spoken(ReplyHandle reply, string text, int frames, int sent)
    {
        reply.AppendText(text);
        var segment = reply.AddSegment(text, $"m-{reply.Segments.Count}")!;
        segment.Frames = frames;
        segment.Queued = true;
        for (var i = 0; i < sent; i++)
        {
            reply.FrameSent(segment);
        }

        return segment;
    }
}
