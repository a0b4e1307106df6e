using Invorto.Application.Calls.PostCall;
using Invorto.Application.Conversations;
using Invorto.Domain.Calls;

namespace Invorto.Application.Tests.Calls.PostCall;

public sealed class CallTranscriptBuilderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    private static Call AnsweredCall()
    {
        var call = Call.ReceiveInbound(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 1, "+919800000001", "+918000000001", "jambonz", "sid-1", answered: true, T0);
        call.Record(T0.AddSeconds(1), TimelineKinds.AgentTurn, """{"text":"Hello, how can I help?"}""");
        call.Record(T0.AddSeconds(4.5), TimelineKinds.TranscriptFinal, """{"text":"book a meeting","confidence":0.91}""");
        call.Record(T0.AddSeconds(5), TimelineKinds.ToolFailed, """{"name":"book_meeting","error":"timeout"}""");
        call.Record(T0.AddSeconds(6), TimelineKinds.AgentTurn, """{"text":"Sorry, I couldn't get that done just now."}""");
        call.Record(T0.AddSeconds(6.5), TimelineKinds.BargeIn, """{"words":2}""");
        call.Record(T0.AddSeconds(7), TimelineKinds.Dtmf, """{"digits":"5"}""");
        call.Record(T0.AddSeconds(8), TimelineKinds.TranscriptFinal, "not json");
        return call;
    }

    [Fact]
    public void Lines_and_moments_come_in_order_at_their_offsets_from_the_answer()
    {
        var transcript = CallTranscriptBuilder.Build(AnsweredCall());

        transcript.Messages.ShouldBe(
        [
            new TranscriptMessage("agent", "Hello, how can I help?", 1, null),
            new TranscriptMessage("caller", "book a meeting", 4.5, 0.91),
            new TranscriptMessage("agent", "Sorry, I couldn't get that done just now.", 6, null),
        ]);
        transcript.ToolCalls.ShouldBe([new TranscriptMoment(TimelineKinds.ToolFailed, 5, "book_meeting")]);
        transcript.BargeIns.ShouldBe([new TranscriptMoment("bargein", 6.5, null)]);
        transcript.Dtmf.ShouldBe([new TranscriptMoment("dtmf", 7, "5")]);
    }

    [Fact]
    public void A_failed_tool_makes_the_rules_summary_ask_for_a_follow_up()
    {
        var call = AnsweredCall();
        call.ApplyStatus(CallStatus.Completed, T0.AddSeconds(9), "hangup");

        var summary = CallSummaryRules.Summarize(call, CallTranscriptBuilder.Build(call));

        summary.Outcome.ShouldBe("needs_follow_up");
        summary.NextStep.ShouldContain("book_meeting");
        summary.Notes.ShouldContain("1 caller turn(s), 2 agent turn(s)");
        summary.Source.ShouldBe("rules");
    }

    [Fact]
    public void A_call_never_answered_is_summarised_as_not_connected()
    {
        var call = Call.PlaceOutbound(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 1, "+918000000001", "+919800000001", "jambonz", null, T0);
        call.ApplyStatus(CallStatus.NoAnswer, T0.AddSeconds(30), "no-answer");

        CallSummaryRules.Summarize(call, CallTranscriptBuilder.Build(call)).Outcome.ShouldBe("not_connected");
    }
}
