using System.Text.Json;
using Ardalis.Specification;
using Invorto.Application.Abstractions;
using Invorto.Application.Agents.Configuration;
using Invorto.Application.Calls.Costs;
using Invorto.Application.Calls.HangUpCall;
using Invorto.Application.Conversations;
using Invorto.Application.Conversations.Engine;
using Invorto.Application.Conversations.Transport;
using Invorto.Application.Conversations.Usage;
using Invorto.Application.Telephony;
using Invorto.Domain.Calls;
using Microsoft.Extensions.Time.Testing;
using NSubstitute;
using Shouldly;
using Xunit;

namespace Invorto.Application.Tests.Conversations;

public sealed class EndConversationHandlerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly ConversationKpis Kpis = new(3, 410.5, 620, 180, 260, 1.2, 0.8, 35, 1);
    private static readonly CostRates Rates = new(CostRates.Defaults, 87m);
    private readonly IRepository<Call> _calls = Substitute.For<IRepository<Call>>();
    private readonly ITelephonyProvider _jambonz = Substitute.For<ITelephonyProvider>();
    private readonly EndConversationHandler _handler;

    public EndConversationHandlerTests()
    {
        _jambonz.Name.Returns("jambonz");
        var clock = new FakeTimeProvider(T0.AddMinutes(10));
        var hangUp = new HangUpCallHandler(_calls, new TelephonyProviders([_jambonz], new DefaultTelephonyProvider("jambonz")), clock);
        var ids = Substitute.For<IIdGenerator>();
        ids.NewId().Returns(_ => Guid.NewGuid());
        _handler = new EndConversationHandler(_calls, hangUp, new CallSettlement(new CallCostCalculator(Rates), ids), clock);
    }

    [Theory]
    [InlineData(ConversationEndReasons.Client, CallStatus.Completed)]
    [InlineData(ConversationEndReasons.Hangup, CallStatus.Completed)]
    [InlineData(ConversationEndReasons.Silence, CallStatus.Completed)]
    [InlineData(ConversationEndReasons.Error, CallStatus.Failed)]
    public async Task A_web_call_ends_with_its_session_keeps_the_kpis_and_raises_call_ended(string reason, CallStatus expected)
    {
        var call = Stored(Call.StartWeb(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 1, "ref", T0));

        await _handler.HandleAsync(Setup(call), reason, Kpis, ConversationUsage.None, CancellationToken.None);

        call.Status.ShouldBe(expected);
        call.EndReason.ShouldBe(reason);
        var kpis = JsonDocument.Parse(call.UsageJson!).RootElement.GetProperty("kpis");
        kpis.GetProperty("turns").GetInt32().ShouldBe(3);
        kpis.GetProperty("turnLatencyP50Ms").GetDouble().ShouldBe(410.5);
        kpis.GetProperty("bargeinCutoffP50Ms").GetDouble().ShouldBe(35);
        await _calls.Received(1).UpdateAsync(call, Arg.Any<CancellationToken>());
        call.DomainEvents.OfType<CallEnded>().ShouldHaveSingleItem().EndReason.ShouldBe(reason);
    }

    [Fact]
    public async Task A_phone_call_the_agent_ends_is_hung_up_at_its_provider_and_left_to_the_status_hook()
    {
        var call = Stored(Call.ReceiveInbound(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 1, "+919800000001", "+918000000001", "jambonz", "sid-1", answered: true, T0));
        _jambonz.HangUpAsync("sid-1", Arg.Any<CancellationToken>()).Returns(true);

        await _handler.HandleAsync(Setup(call), ConversationEndReasons.Silence, Kpis, ConversationUsage.None, CancellationToken.None);

        await _jambonz.Received(1).HangUpAsync("sid-1", Arg.Any<CancellationToken>());
        call.Status.ShouldBe(CallStatus.InProgress);
        JsonDocument.Parse(call.UsageJson!).RootElement.GetProperty("kpis").GetProperty("bargeIns").GetInt32().ShouldBe(1);
        call.DomainEvents.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_phone_call_whose_far_end_left_is_not_hung_up_again()
    {
        var call = Stored(Call.ReceiveInbound(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 1, "+919800000001", "+918000000001", "jambonz", "sid-2", answered: true, T0));

        await _handler.HandleAsync(Setup(call), ConversationEndReasons.Hangup, Kpis, ConversationUsage.None, CancellationToken.None);

        await _jambonz.DidNotReceive().HangUpAsync(Arg.Any<string>(), Arg.Any<CancellationToken>());
        call.UsageJson.ShouldNotBeNull();
    }

    [Fact]
    public async Task Existing_usage_keys_are_kept_beside_the_kpis()
    {
        var call = Stored(Call.StartWeb(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 1, "ref", T0));
        call.RecordUsage("""{"note":"kept"}""");

        await _handler.HandleAsync(Setup(call), ConversationEndReasons.Client, Kpis, ConversationUsage.None, CancellationToken.None);

        var usage = JsonDocument.Parse(call.UsageJson!).RootElement;
        usage.GetProperty("note").GetString().ShouldBe("kept");
        usage.GetProperty("kpis").GetProperty("turns").GetInt32().ShouldBe(3);
    }

    [Fact]
    public async Task A_web_call_is_settled_with_what_its_providers_served()
    {
        var call = Stored(Call.StartWeb(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 1, "ref", T0));
        var usage = new ConversationUsage([new RecognitionUse("pocketsphinx", 42)], [new SynthesisUse("espeak", 120)], [new ModelUse("rules", 30, 8, Estimated: true)]);

        await _handler.HandleAsync(Setup(call), ConversationEndReasons.Client, Kpis, usage, CancellationToken.None);

        call.Costs.Select(cost => (cost.Type, cost.Provider)).ShouldBe(
            [(CallCostType.Transport, "web"), (CallCostType.Stt, "pocketsphinx"), (CallCostType.Tts, "espeak"), (CallCostType.Llm, "rules")], ignoreOrder: true);
        call.CostInr.ShouldBe(0m, "the offline providers and the browser cost nothing");
        var stored = JsonDocument.Parse(call.UsageJson!).RootElement;
        stored.GetProperty("ttsCharacters").GetInt64().ShouldBe(120);
        stored.GetProperty("transportMinutes").GetDecimal().ShouldBe(10m);
        stored.GetProperty("settled").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task A_canary_session_touches_nothing()
    {
        var setup = new ConversationSetup(Guid.NewGuid(), CanaryAgent.SystemTenantId, CanaryAgent.AgentId, 1, CanaryAgent.Config, CallDirection.Web, null, null, IsCanary: true, CreatedNow: true, null);

        await _handler.HandleAsync(setup, ConversationEndReasons.Client, Kpis, ConversationUsage.None, CancellationToken.None);

        await _calls.DidNotReceiveWithAnyArgs().GetByIdAsync(default(Guid), default);
    }

    [Fact]
    public async Task A_concurrent_status_change_is_read_again_before_the_call_is_ended()
    {
        var (id, tenantId, agentId) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var stale = Call.StartWeb(id, tenantId, agentId, 1, "ref", T0);
        var fresh = Call.StartWeb(id, tenantId, agentId, 1, "ref", T0);
        _calls.GetByIdAsync(id, Arg.Any<CancellationToken>()).Returns(stale, fresh);
        _calls.UpdateAsync(stale, Arg.Any<CancellationToken>()).Returns(_ => Task.FromException<int>(new ConcurrentUpdateException("changed")));

        await _handler.HandleAsync(Setup(fresh), ConversationEndReasons.Client, Kpis, ConversationUsage.None, CancellationToken.None);

        await _calls.Received(1).UpdateAsync(fresh, Arg.Any<CancellationToken>());
        fresh.Status.ShouldBe(CallStatus.Completed);
        fresh.DomainEvents.OfType<CallEnded>().ShouldHaveSingleItem();
    }

    private static ConversationSetup Setup(Call call) =>
        new(call.Id, call.TenantId, call.AgentId, call.AgentVersion, new AgentConfig { Prompt = "p" }, call.Direction, call.CampaignId, null, IsCanary: false, CreatedNow: false, null);

    private Call Stored(Call call)
    {
        _calls.GetByIdAsync(call.Id, Arg.Any<CancellationToken>()).Returns(call);
        _calls.SingleOrDefaultAsync(Arg.Is<ISingleResultSpecification<Call>>(spec => spec.IsSatisfiedBy(call)), Arg.Any<CancellationToken>()).Returns(call);
        return call;
    }
}
