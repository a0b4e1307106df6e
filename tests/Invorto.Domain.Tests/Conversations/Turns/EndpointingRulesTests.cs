using Invorto.Domain.Conversations.Turns;

namespace Invorto.Domain.Tests.Conversations.Turns;

public sealed class EndpointingRulesTests
{
    private static readonly EndpointingRules Rules = new(220, 2, 0.65, x => 200 + (8000 * x));

    [Theory]
    [InlineData(0.95, 600)]
    [InlineData(0.9, 1000)]
    [InlineData(0.8, 1800)]
    public void The_wait_is_the_wait_function_of_one_minus_confidence_in_whole_milliseconds(double confidence, int expectedMs)
    {
        Rules.WaitAfterLastWord(confidence).ShouldBe(TimeSpan.FromMilliseconds(expectedMs));
    }

    [Fact]
    public void A_wait_below_the_silence_is_raised_to_the_silence()
    {
        Rules.WaitAfterLastWord(1.0).ShouldBe(TimeSpan.FromMilliseconds(220));
    }

    [Fact]
    public void A_wait_above_3_seconds_is_cut_to_3_seconds()
    {
        Rules.WaitAfterLastWord(0.5).ShouldBe(TimeSpan.FromMilliseconds(3000));
    }

    [Fact]
    public void The_function_sees_x_within_0_and_1()
    {
        var seen = new List<double>();
        var rules = Rules with { WaitMs = x => { seen.Add(x); return 500; } };

        rules.WaitAfterLastWord(1.7);
        rules.WaitAfterLastWord(-0.3);

        seen.ShouldBe(new[] { 0.0, 1.0 });
    }

    [Fact]
    public void A_function_that_is_not_a_number_waits_the_longest()
    {
        var rules = Rules with { WaitMs = _ => double.NaN };

        rules.WaitAfterLastWord(0.9).ShouldBe(TimeSpan.FromMilliseconds(3000));
    }

    [Fact]
    public void The_default_rules_are_the_spec_defaults()
    {
        var rules = EndpointingRules.Default;

        (rules.SilenceMs, rules.MinWords, rules.ConfidenceThreshold, rules.Enabled).ShouldBe((220, 2, 0.65, true));
        rules.WaitAfterLastWord(0.95).ShouldBe(TimeSpan.FromMilliseconds(600));
    }

    [Theory]
    [InlineData(-1, 2, 0.5)]
    [InlineData(3001, 2, 0.5)]
    [InlineData(220, -1, 0.5)]
    [InlineData(220, 2, 1.5)]
    public void Out_of_range_settings_are_refused(int silenceMs, int minWords, double threshold)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new EndpointingRules(silenceMs, minWords, threshold, x => x));
    }

    [Fact]
    public void Out_of_range_settings_are_refused_in_a_copy_too()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Rules with { SilenceMs = 5000 });
    }
}
