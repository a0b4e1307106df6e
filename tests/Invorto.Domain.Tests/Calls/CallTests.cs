using Invorto.Domain.Calls;

namespace Invorto.Domain.Tests.Calls;

public sealed class CallTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private static Call NewOutboundCall() =>
        Call.PlaceOutbound(Guid.CreateVersion7(), Guid.NewGuid(), Guid.NewGuid(), 1, "+918000000001", "+919800000002", "jambonz", null, T0);

    [Fact]
    public void Outbound_call_starts_queued_with_a_created_entry()
    {
        var call = NewOutboundCall();

        call.Status.ShouldBe(CallStatus.Queued);
        call.Events.Select(e => e.Kind).ShouldBe(["call.created"]);
    }

    [Fact]
    public void Answered_then_completed_call_records_answer_end_and_duration()
    {
        var call = NewOutboundCall();

        call.ApplyStatus(CallStatus.Ringing, T0.AddSeconds(2));
        call.ApplyStatus(CallStatus.InProgress, T0.AddSeconds(5));
        var outcome = call.ApplyStatus(CallStatus.Completed, T0.AddSeconds(67), "hangup");

        outcome.ShouldBe(TransitionOutcome.Applied);
        call.StartedAt.ShouldBe(T0.AddSeconds(2));
        call.AnsweredAt.ShouldBe(T0.AddSeconds(5));
        call.EndedAt.ShouldBe(T0.AddSeconds(67));
        call.DurationSec.ShouldBe(62);
        call.EndReason.ShouldBe("hangup");
    }

    [Fact]
    public void Late_ringing_after_answer_is_ignored_and_recorded_as_status_ignored()
    {
        var call = NewOutboundCall();
        call.ApplyStatus(CallStatus.InProgress, T0.AddSeconds(3));

        var outcome = call.ApplyStatus(CallStatus.Ringing, T0.AddSeconds(4));

        outcome.ShouldBe(TransitionOutcome.IgnoredBackwards);
        call.Status.ShouldBe(CallStatus.InProgress);
        call.Events[^1].Kind.ShouldBe(Call.StatusIgnoredEvent);
    }

    [Fact]
    public void Duplicate_callback_changes_nothing_and_leaves_no_entry()
    {
        var call = NewOutboundCall();
        call.ApplyStatus(CallStatus.Ringing, T0.AddSeconds(1));
        var entries = call.Events.Count;

        var outcome = call.ApplyStatus(CallStatus.Ringing, T0.AddSeconds(2));

        outcome.ShouldBe(TransitionOutcome.IgnoredDuplicate);
        call.Events.Count.ShouldBe(entries);
        call.StartedAt.ShouldBe(T0.AddSeconds(1));
    }

    [Fact]
    public void Ended_call_never_changes_state_again()
    {
        var call = NewOutboundCall();
        call.ApplyStatus(CallStatus.Busy, T0.AddSeconds(3));

        var outcome = call.ApplyStatus(CallStatus.InProgress, T0.AddSeconds(4));

        outcome.ShouldBe(TransitionOutcome.IgnoredTerminal);
        call.Status.ShouldBe(CallStatus.Busy);
        call.DurationSec.ShouldBe(0);
    }

    [Fact]
    public void Costs_add_up_on_the_call_in_inr()
    {
        var call = NewOutboundCall();

        call.AddCost(new CallCost(Guid.NewGuid(), call.Id, CallCostType.Stt, "deepgram", 1.5m, null, 0.9m));
        call.AddCost(new CallCost(Guid.NewGuid(), call.Id, CallCostType.Llm, "openai", null, 1200, 0.125m));

        call.CostInr.ShouldBe(1.03m);
    }

    [Fact]
    public void Negative_cost_is_refused()
    {
        Should.Throw<Common.DomainException>(() => new CallCost(Guid.NewGuid(), Guid.NewGuid(), CallCostType.Tts, "x", null, null, -1));
    }

    [Fact]
    public void Inbound_call_answered_on_hook_starts_in_progress()
    {
        var call = Call.ReceiveInbound(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 3, "+14155550100", "+14155550101", "jambonz", "sid-1", answered: true, T0);

        call.Status.ShouldBe(CallStatus.InProgress);
        call.AnsweredAt.ShouldBe(T0);
        call.AgentVersion.ShouldBe(3);
    }
}
