using Ardalis.Specification;
using Invorto.Application.Abstractions;
using Invorto.Application.Calls.Costs;
using Invorto.Application.Telephony;
using Invorto.Application.Telephony.ApplyCallStatus;
using Invorto.Domain.Calls;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace Invorto.Application.Tests.Telephony;

public sealed class ApplyCallStatusHandlerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
    private readonly IRepository<Call> _calls = Substitute.For<IRepository<Call>>();
    private readonly ApplyCallStatusHandler _handler;

    public ApplyCallStatusHandlerTests()
    {
        var ids = Substitute.For<IIdGenerator>();
        ids.NewId().Returns(_ => Guid.NewGuid());
        _handler = new ApplyCallStatusHandler(_calls, new CallSettlement(new CallCostCalculator(new CostRates(CostRates.Defaults, 87m)), ids), new FakeTimeProvider(T0.AddMinutes(3)));
    }

    private static Call Ringing() =>
        Call.PlaceOutbound(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 1, "+918000000001", "+919800000001", "jambonz", null, T0);

    [Fact]
    public async Task A_save_that_lost_a_race_is_applied_again_on_a_fresh_read()
    {
        var stale = Ringing();
        var fresh = Ringing();
        _calls.SingleOrDefaultAsync(Arg.Any<ISingleResultSpecification<Call>>(), Arg.Any<CancellationToken>()).Returns(stale, fresh);
        _calls.UpdateAsync(stale, Arg.Any<CancellationToken>()).ThrowsAsync(new ConcurrentUpdateException("raced"));

        var applied = await _handler.HandleAsync(new CallStatusReport("jambonz", "sid-1", CallStatus.Busy, "busy", 486, "Busy Here", null), CancellationToken.None);

        applied.Status.ShouldBe(CallStatus.Busy);
        await _calls.Received(1).UpdateAsync(fresh, Arg.Any<CancellationToken>());
        fresh.Costs.ShouldHaveSingleItem().Type.ShouldBe(CallCostType.Transport, "a call never answered settles with its transport");
    }

    [Fact]
    public async Task A_race_lost_three_times_is_the_callers_to_see()
    {
        _calls.SingleOrDefaultAsync(Arg.Any<ISingleResultSpecification<Call>>(), Arg.Any<CancellationToken>()).Returns(_ => Ringing());
        _calls.UpdateAsync(Arg.Any<Call>(), Arg.Any<CancellationToken>()).ThrowsAsync(new ConcurrentUpdateException("raced"));

        await Should.ThrowAsync<ConcurrentUpdateException>(() =>
            _handler.HandleAsync(new CallStatusReport("jambonz", "sid-1", CallStatus.Busy, "busy", 486, null, null), CancellationToken.None));

        await _calls.Received(3).UpdateAsync(Arg.Any<Call>(), Arg.Any<CancellationToken>());
    }
}
