using Ardalis.Specification;
using Invorto.Application.Abstractions;
using Invorto.Application.Calls;
using Invorto.Application.Calls.ReapStaleCalls;
using Invorto.Application.Conversations;
using Invorto.Application.Telephony;
using Invorto.Domain.Calls;
using Invorto.Domain.Concurrency;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace Invorto.Application.Tests.Calls;

public sealed class ReapStaleCallsHandlerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    // A 30 s slot TTL renews every 10 s, so a session is stale after 20 s without a heartbeat.
    private static readonly ConcurrencyPolicy Policy = new(globalLimit: 100, perCampaignLimit: 10, TimeSpan.FromSeconds(30));
    private static readonly TimeSpan HeartbeatTimeout = Policy.RenewInterval * 2;

    private readonly FakeTimeProvider _clock = new(Now);
    private readonly IRepository<Call> _repository = Substitute.For<IRepository<Call>>();
    private readonly ISessionHeartbeat _heartbeat = Substitute.For<ISessionHeartbeat>();
    private readonly List<Call> _stored = [];
    private readonly Guid _tenant = Guid.NewGuid();
    private readonly Guid _agent = Guid.NewGuid();

    public ReapStaleCallsHandlerTests()
    {
        // The substitute answers every specification over the stored calls, so filters, order and paging are the real ones.
        _repository.ListAsync(Arg.Any<ISpecification<Call>>(), Arg.Any<CancellationToken>())
            .Returns(call => call.Arg<ISpecification<Call>>().Evaluate(_stored).ToList());
        _heartbeat.FindAsync(Arg.Any<Guid>(), Arg.Any<CancellationToken>()).Returns((SessionBeat?)null);
    }

    private ReapStaleCallsHandler Handler() =>
        new(_repository, new CallAdmissionLimits(200, TimeSpan.FromSeconds(30)), Policy, _heartbeat, _clock);

    private Call InProgressCall(TimeSpan answeredAgo)
    {
        var call = Call.PlaceOutbound(Guid.NewGuid(), _tenant, _agent, 1, "+918000000001", "+919800000002", "jambonz", null, Now - answeredAgo - TimeSpan.FromSeconds(10));
        call.ApplyStatus(CallStatus.InProgress, Now - answeredAgo);
        _stored.Add(call);
        return call;
    }

    private void LastBeat(Call call, TimeSpan ago) =>
        _heartbeat.FindAsync(call.Id, Arg.Any<CancellationToken>())
            .Returns(new SessionBeat(call.Id, call.TenantId, "jambonz", "rt-1:42", Now - ago));

    private async Task ShouldBeReapedAsync(Call call)
    {
        call.Status.ShouldBe(CallStatus.Failed);
        call.EndReason.ShouldBe(CallEndReasons.Stale);
        call.Events.ShouldContain(entry => entry.Kind == ReapStaleCallsHandler.ReapedEvent);
        await _repository.Received(1).UpdateAsync(call, Arg.Any<CancellationToken>());
        call.DomainEvents.OfType<CallEnded>().ShouldHaveSingleItem().EndReason.ShouldBe(CallEndReasons.Stale);
    }

    private async Task ShouldBeLeftAloneAsync(Call call)
    {
        call.Status.ShouldBe(CallStatus.InProgress);
        await _repository.DidNotReceive().UpdateAsync(call, Arg.Any<CancellationToken>());
        call.DomainEvents.ShouldBeEmpty();
    }

    [Fact]
    public async Task Call_in_progress_with_a_fresh_heartbeat_is_left_alone()
    {
        var call = InProgressCall(answeredAgo: TimeSpan.FromMinutes(30));
        LastBeat(call, ago: HeartbeatTimeout - TimeSpan.FromSeconds(1));

        var reaped = await Handler().HandleAsync(CancellationToken.None);

        reaped.ShouldBe(0);
        await ShouldBeLeftAloneAsync(call);
    }

    [Fact]
    public async Task Call_in_progress_whose_heartbeat_is_older_than_two_renew_intervals_is_reaped()
    {
        var call = InProgressCall(answeredAgo: TimeSpan.FromMinutes(30));
        LastBeat(call, ago: HeartbeatTimeout + TimeSpan.FromSeconds(1));

        var reaped = await Handler().HandleAsync(CancellationToken.None);

        reaped.ShouldBe(1);
        await ShouldBeReapedAsync(call);
    }

    [Fact]
    public async Task Call_in_progress_without_a_heartbeat_is_reaped()
    {
        var call = InProgressCall(answeredAgo: TimeSpan.FromMinutes(30));

        var reaped = await Handler().HandleAsync(CancellationToken.None);

        reaped.ShouldBe(1);
        await ShouldBeReapedAsync(call);
        call.Events.Single(entry => entry.Kind == ReapStaleCallsHandler.ReapedEvent).PayloadJson.ShouldBe("""{"rule":"heartbeat","lastBeatAt":null}""");
    }

    [Fact]
    public async Task Call_answered_less_than_two_renew_intervals_ago_is_not_reaped_before_its_session_opens()
    {
        var call = InProgressCall(answeredAgo: HeartbeatTimeout - TimeSpan.FromSeconds(1));

        var reaped = await Handler().HandleAsync(CancellationToken.None);

        reaped.ShouldBe(0);
        await ShouldBeLeftAloneAsync(call);
        await _heartbeat.DidNotReceive().FindAsync(call.Id, Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Web_call_without_a_heartbeat_is_reaped_too()
    {
        var call = Call.StartWeb(Guid.NewGuid(), _tenant, _agent, 1, "client-ref-1", Now - TimeSpan.FromMinutes(5));
        _stored.Add(call);

        var reaped = await Handler().HandleAsync(CancellationToken.None);

        reaped.ShouldBe(1);
        await ShouldBeReapedAsync(call);
    }

    [Fact]
    public async Task Nothing_in_progress_is_reaped_when_the_heartbeat_store_cannot_be_read_but_unanswered_calls_still_are()
    {
        var answered = InProgressCall(answeredAgo: TimeSpan.FromMinutes(30));
        var ringing = Call.PlaceOutbound(Guid.NewGuid(), _tenant, _agent, 1, "+918000000001", "+919800000003", "jambonz", null, Now - TimeSpan.FromMinutes(10));
        ringing.ApplyStatus(CallStatus.Ringing, Now - TimeSpan.FromMinutes(10));
        _stored.Add(ringing);
        _heartbeat.FindAsync(Arg.Any<Guid>(), Arg.Any<CancellationToken>()).ThrowsAsync(new TimeoutException("heartbeat store unreachable"));

        var run = () => Handler().HandleAsync(CancellationToken.None);

        await run.ShouldThrowAsync<TimeoutException>();
        await ShouldBeLeftAloneAsync(answered);
        await ShouldBeReapedAsync(ringing);
    }

    [Fact]
    public async Task Every_page_of_live_calls_is_checked_so_stale_ones_behind_many_live_ones_are_found()
    {
        for (var i = 0; i < ReapStaleCallsHandler.BatchSize + 10; i++)
        {
            LastBeat(InProgressCall(answeredAgo: TimeSpan.FromHours(2) - TimeSpan.FromSeconds(i)), ago: TimeSpan.FromSeconds(1));
        }

        var stale = InProgressCall(answeredAgo: TimeSpan.FromMinutes(30));

        var reaped = await Handler().HandleAsync(CancellationToken.None);

        reaped.ShouldBe(1);
        await ShouldBeReapedAsync(stale);
    }
}
