using Invorto.Domain.Calls;

namespace Invorto.Domain.Tests.Calls;

public sealed class CallStateMachineTests
{
    public static TheoryData<CallStatus, CallStatus, TransitionOutcome> Table()
    {
        // The whole 9 × 9 table of spec §2, written out so a change to any cell is a visible test change.
        const TransitionOutcome A = TransitionOutcome.Applied;
        const TransitionOutcome D = TransitionOutcome.IgnoredDuplicate;
        const TransitionOutcome B = TransitionOutcome.IgnoredBackwards;
        const TransitionOutcome T = TransitionOutcome.IgnoredTerminal;
        const TransitionOutcome R = TransitionOutcome.Rejected;
        var columns = new[] { CallStatus.Queued, CallStatus.Dialing, CallStatus.Ringing, CallStatus.InProgress, CallStatus.Completed, CallStatus.Failed, CallStatus.Busy, CallStatus.NoAnswer, CallStatus.Canceled };
        var rows = new Dictionary<CallStatus, TransitionOutcome[]>
        {
            //                          queued dialing ringing in-prog completed failed busy no-answer canceled
            [CallStatus.Queued] = [D, A, A, A, R, A, A, A, A],
            [CallStatus.Dialing] = [B, D, A, A, A, A, A, A, A],
            [CallStatus.Ringing] = [B, B, D, A, A, A, A, A, A],
            [CallStatus.InProgress] = [B, B, B, D, A, A, R, R, R],
            [CallStatus.Completed] = [T, T, T, T, D, T, T, T, T],
            [CallStatus.Failed] = [T, T, T, T, T, D, T, T, T],
            [CallStatus.Busy] = [T, T, T, T, T, T, D, T, T],
            [CallStatus.NoAnswer] = [T, T, T, T, T, T, T, D, T],
            [CallStatus.Canceled] = [T, T, T, T, T, T, T, T, D],
        };

        var data = new TheoryData<CallStatus, CallStatus, TransitionOutcome>();
        foreach (var (from, outcomes) in rows)
        {
            for (var i = 0; i < columns.Length; i++)
            {
                data.Add(from, columns[i], outcomes[i]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void Every_transition_has_the_outcome_of_the_spec_table(CallStatus from, CallStatus to, TransitionOutcome expected)
    {
        var outcome = CallStateMachine.Evaluate(from, to);

        outcome.ShouldBe(expected);
    }

    [Fact]
    public void Table_covers_every_status()
    {
        Table().Count.ShouldBe(Enum.GetValues<CallStatus>().Length * Enum.GetValues<CallStatus>().Length);
    }

    [Theory]
    [InlineData("queued", CallStatus.Queued)]
    [InlineData("in-progress", CallStatus.InProgress)]
    [InlineData("no-answer", CallStatus.NoAnswer)]
    [InlineData("canceled", CallStatus.Canceled)]
    public void Status_wire_names_round_trip(string name, CallStatus status)
    {
        CallStatusNames.Parse(name).ShouldBe(status);
        status.ToName().ShouldBe(name);
    }

    [Fact]
    public void Unknown_status_name_is_refused()
    {
        CallStatusNames.TryParse("answered", out _).ShouldBeFalse();
    }
}
