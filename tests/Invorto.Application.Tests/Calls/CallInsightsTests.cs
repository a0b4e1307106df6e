using Invorto.Application.Calls;
using Invorto.Application.Calls.GetCall;

namespace Invorto.Application.Tests.Calls;

public sealed class CallInsightsTests
{
    [Fact]
    public void Kpis_come_from_the_usage_kpis_object()
    {
        var kpis = CallInsights.KpisFrom("""{"asrMinutes":1.2,"kpis":{"turns":7,"turnLatencyP50Ms":640.5,"bargeIns":2}}""", null);

        kpis.ShouldBe(new CallKpisDto(7, 640.5, null, null, null, null, null, null, 2));
    }

    [Fact]
    public void Kpis_fall_back_to_the_summary_kpis_object()
    {
        CallInsights.KpisFrom("""{"asrMinutes":1}""", """{"kpis":{"turns":3}}""")!.Turns.ShouldBe(3);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("{}", "{}")]
    [InlineData("not json", "[1]")]
    [InlineData("""{"kpis":5}""", null)]
    public void Kpis_are_null_when_absent_or_malformed(string? usage, string? summary)
    {
        CallInsights.KpisFrom(usage, summary).ShouldBeNull();
    }

    [Fact]
    public void Fields_of_the_wrong_type_are_left_null()
    {
        CallInsights.KpisFrom("""{"kpis":{"turns":"seven","turnLatencyP50Ms":700}}""", null)
            .ShouldBe(new CallKpisDto(null, 700, null, null, null, null, null, null, null));
    }

    [Fact]
    public void Analysis_comes_from_the_summary()
    {
        CallInsights.AnalysisFrom("""{"outcome":"booked","nextStep":"send invite","notes":"prefers mornings","kpis":{}}""")
            .ShouldBe(new CallAnalysisDto("booked", "send invite", "prefers mornings"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("{}")]
    [InlineData("""{"kpis":{"turns":1}}""")]
    [InlineData("[]")]
    public void Analysis_is_null_without_outcome_next_step_or_notes(string? summary)
    {
        CallInsights.AnalysisFrom(summary).ShouldBeNull();
    }
}
