using System.Text.Json;
using Invorto.Application.Abstractions;
using Invorto.Application.Calls.Costs;
using Invorto.Application.Conversations.Usage;
using Invorto.Domain.Calls;
using NSubstitute;

namespace Invorto.Application.Tests.Calls.Costs;

public sealed class CallSettlementTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
    private static readonly CostRates Rates = new(CostRates.Defaults, 87m);

    private static readonly ConversationUsage Cloud = new(
        [new RecognitionUse("deepgram", 90), new RecognitionUse("pocketsphinx", 30)],
        [new SynthesisUse("elevenlabs", 2_000)],
        [new ModelUse("openai", 10_000, 2_000, Estimated: false)]);

    private readonly CallSettlement _settlement;

    public CallSettlementTests()
    {
        var ids = Substitute.For<IIdGenerator>();
        ids.NewId().Returns(_ => Guid.NewGuid());
        _settlement = new CallSettlement(new CallCostCalculator(Rates), ids);
    }

    private static Call AnsweredPhoneCall(string provider = "twilio") =>
        Call.ReceiveInbound(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 1, "+919800000001", "+918000000001", provider, "sid-1", answered: true, T0);

    [Fact]
    public void Each_provider_is_costed_at_its_rate_in_rupees_and_the_total_is_the_calls_cost()
    {
        var call = AnsweredPhoneCall();
        call.RecordUsage(CallUsageDocument.WithMedia(null, Cloud));
        call.ApplyStatus(CallStatus.Completed, T0.AddMinutes(2), "hangup");

        _settlement.TrySettle(call).ShouldBeTrue();

        var costs = call.Costs.ToDictionary(cost => (cost.Type, cost.Provider));
        costs[(CallCostType.Transport, "twilio")].Minutes.ShouldBe(2m);
        costs[(CallCostType.Transport, "twilio")].CostInr.ShouldBe(decimal.Round(2m * 0.0125m * 87m, 4));
        costs[(CallCostType.Stt, "deepgram")].CostInr.ShouldBe(decimal.Round(1.5m * 0.0077m * 87m, 4));
        costs[(CallCostType.Stt, "pocketsphinx")].CostInr.ShouldBe(0m);
        costs[(CallCostType.Tts, "elevenlabs")].Units.ShouldBe(2_000m);
        costs[(CallCostType.Tts, "elevenlabs")].CostInr.ShouldBe(2m * 0.10m * 87m);
        costs[(CallCostType.Llm, "openai")].CostInr.ShouldBe(decimal.Round((10_000m * 0.15m + 2_000m * 0.60m) / 1_000_000m * 87m, 4));
        call.CostInr.ShouldBe(decimal.Round(call.Costs.Sum(cost => cost.CostInr), 2, MidpointRounding.AwayFromZero));
        var usage = JsonDocument.Parse(call.UsageJson!).RootElement;
        usage.GetProperty("transportMinutes").GetDecimal().ShouldBe(2m);
        usage.GetProperty("asrMinutes").GetDouble().ShouldBe(2.0);
        usage.GetProperty("ttsCharacters").GetInt64().ShouldBe(2_000);
        usage.GetProperty("llmTokensIn").GetInt64().ShouldBe(10_000);
        usage.GetProperty("settled").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public void A_settled_call_is_never_costed_again()
    {
        var call = AnsweredPhoneCall();
        call.RecordUsage(CallUsageDocument.WithMedia(null, Cloud));
        call.ApplyStatus(CallStatus.Completed, T0.AddMinutes(2), "hangup");
        _settlement.TrySettle(call);
        var first = call.CostInr;

        _settlement.TrySettle(call).ShouldBeFalse();

        call.CostInr.ShouldBe(first);
        call.Costs.Count.ShouldBe(5);
    }

    [Fact]
    public void An_answered_call_waits_for_its_media_session_and_a_live_call_for_its_end()
    {
        var live = AnsweredPhoneCall();
        live.RecordUsage(CallUsageDocument.WithMedia(null, Cloud));
        var ended = AnsweredPhoneCall();
        ended.ApplyStatus(CallStatus.Completed, T0.AddMinutes(2), "hangup");

        _settlement.TrySettle(live).ShouldBeFalse();
        _settlement.TrySettle(ended).ShouldBeFalse("the media session has not said what it used yet");

        ended.RecordUsage(CallUsageDocument.WithMedia(ended.UsageJson, Cloud));
        _settlement.TrySettle(ended).ShouldBeTrue();
    }

    [Fact]
    public void A_call_never_answered_settles_at_its_end_with_its_transport_only()
    {
        var call = Call.PlaceOutbound(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 1, "+918000000001", "+919800000001", "jambonz", null, T0);
        call.ApplyStatus(CallStatus.Busy, T0.AddSeconds(20), "busy");

        _settlement.TrySettle(call).ShouldBeTrue();

        var transport = call.Costs.ShouldHaveSingleItem();
        transport.Type.ShouldBe(CallCostType.Transport);
        transport.Minutes.ShouldBe(0m);
        call.CostInr.ShouldBe(0m);
    }

    [Fact]
    public void Rates_the_operator_leaves_out_cost_nothing()
    {
        var rates = new CostRates(new Dictionary<string, decimal>(), 87m);

        var lines = new CallCostCalculator(rates).Calculate("web", 3m, Cloud);

        lines.ShouldAllBe(line => line.CostInr == 0m);
        lines.Count.ShouldBe(5);
    }
}
