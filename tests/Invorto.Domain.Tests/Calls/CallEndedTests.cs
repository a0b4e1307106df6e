using Invorto.Domain.Calls;

namespace Invorto.Domain.Tests.Calls;

public sealed class CallEndedTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid Campaign = Guid.NewGuid();

    public static TheoryData<CallStatus, CallStatus> EveryPair()
    {
        var data = new TheoryData<CallStatus, CallStatus>();
        foreach (var from in Enum.GetValues<CallStatus>())
        {
            foreach (var to in Enum.GetValues<CallStatus>())
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    private static Call NewOutboundCall() =>
        Call.PlaceOutbound(Guid.CreateVersion7(), Guid.NewGuid(), Guid.NewGuid(), 1, "+918000000001", "+919800000002", "jambonz", Campaign, T0);

    private static Call CallIn(CallStatus status)
    {
        var call = NewOutboundCall();
        if (status == CallStatus.Completed)
        {
            call.ApplyStatus(CallStatus.InProgress, T0.AddSeconds(1));
        }

        if (status != CallStatus.Queued)
        {
            call.ApplyStatus(status, T0.AddSeconds(2)).ShouldBe(TransitionOutcome.Applied);
        }

        call.ClearDomainEvents();
        return call;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Only_a_transition_that_ends_the_call_raises_call_ended(CallStatus from, CallStatus to)
    {
        var call = CallIn(from);

        var outcome = call.ApplyStatus(to, T0.AddSeconds(30));

        var expected = outcome == TransitionOutcome.Applied && to.IsTerminal() ? 1 : 0;
        call.DomainEvents.OfType<CallEnded>().Count().ShouldBe(expected);
        call.DomainEvents.Count.ShouldBe(expected);
    }

    [Theory]
    [InlineData(CallStatus.Dialing, CallStatus.Failed, CallEndReasons.ProviderUnavailable)]
    [InlineData(CallStatus.InProgress, CallStatus.Completed, CallEndReasons.Hangup)]
    [InlineData(CallStatus.Ringing, CallStatus.Busy, "busy")]
    [InlineData(CallStatus.Ringing, CallStatus.NoAnswer, "no-answer")]
    [InlineData(CallStatus.Queued, CallStatus.Canceled, CallEndReasons.Canceled)]
    public void Call_ended_carries_the_call_its_final_status_reason_and_time(CallStatus from, CallStatus to, string reason)
    {
        var call = CallIn(from);

        call.ApplyStatus(to, T0.AddSeconds(40), reason);

        call.DomainEvents.ShouldHaveSingleItem().ShouldBe(new CallEnded(call.Id, call.TenantId, Campaign, to, reason, T0.AddSeconds(40)));
    }

    [Fact]
    public void Call_ended_without_a_reason_names_the_final_status()
    {
        var call = CallIn(CallStatus.Ringing);

        call.ApplyStatus(CallStatus.NoAnswer, T0.AddSeconds(30));

        call.DomainEvents.OfType<CallEnded>().ShouldHaveSingleItem().EndReason.ShouldBe("no-answer");
    }

    [Fact]
    public void A_repeated_terminal_callback_raises_nothing_more()
    {
        var call = CallIn(CallStatus.InProgress);

        call.ApplyStatus(CallStatus.Completed, T0.AddSeconds(30), CallEndReasons.Hangup);
        call.ApplyStatus(CallStatus.Completed, T0.AddSeconds(31), CallEndReasons.Hangup);
        call.ApplyStatus(CallStatus.Failed, T0.AddSeconds(32), CallEndReasons.Stale);
        call.ApplyStatus(CallStatus.InProgress, T0.AddSeconds(33));

        call.DomainEvents.OfType<CallEnded>().ShouldHaveSingleItem().Status.ShouldBe(CallStatus.Completed);
    }

    [Fact]
    public void A_new_call_and_its_progress_raise_nothing()
    {
        var call = NewOutboundCall();

        call.ApplyStatus(CallStatus.Dialing, T0.AddSeconds(1));
        call.ApplyStatus(CallStatus.Ringing, T0.AddSeconds(2));
        call.ApplyStatus(CallStatus.InProgress, T0.AddSeconds(3));

        call.DomainEvents.ShouldBeEmpty();
    }

    [Fact]
    public void Cleared_events_are_gone_and_the_ended_call_raises_no_more()
    {
        var call = CallIn(CallStatus.InProgress);
        call.ApplyStatus(CallStatus.Completed, T0.AddSeconds(30));

        call.ClearDomainEvents();
        call.ApplyStatus(CallStatus.Failed, T0.AddSeconds(31));

        call.DomainEvents.ShouldBeEmpty();
    }
}
