using Invorto.Domain.Conversations.Turns;

namespace Invorto.Domain.Tests.Conversations.Turns;

public sealed class EndpointingTests
{
    private static readonly EndpointingRules Rules = new(220, 2, 0.65, x => 200 + (8000 * x));

    private static TimeSpan Ms(int ms) => TimeSpan.FromMilliseconds(ms);

    [Fact]
    public void Enough_confident_words_and_enough_silence_end_the_turn()
    {
        var decision = Endpointing.Decide(Rules, "I want pricing", 0.95, Ms(600), callerSpeaking: false);

        decision.ShouldBe(new EndpointingDecision(EndpointingVerdict.EndTurn, TimeSpan.Zero));
    }

    [Fact]
    public void Too_little_silence_waits_for_the_rest_of_the_wait()
    {
        var decision = Endpointing.Decide(Rules, "I want pricing", 0.95, Ms(250), callerSpeaking: false);

        decision.ShouldBe(new EndpointingDecision(EndpointingVerdict.WaitMore, Ms(350)));
    }

    [Fact]
    public void Lower_confidence_waits_longer()
    {
        var decision = Endpointing.Decide(Rules, "I want pricing", 0.8, Ms(1000), callerSpeaking: false);

        decision.ShouldBe(new EndpointingDecision(EndpointingVerdict.WaitMore, Ms(800)));
    }

    [Fact]
    public void The_wait_is_at_least_the_silence_setting()
    {
        Endpointing.Decide(Rules, "I want pricing", 1.0, Ms(219), callerSpeaking: false).Verdict.ShouldBe(EndpointingVerdict.WaitMore);
        Endpointing.Decide(Rules, "I want pricing", 1.0, Ms(220), callerSpeaking: false).Verdict.ShouldBe(EndpointingVerdict.EndTurn);
    }

    [Fact]
    public void The_turn_does_not_end_while_the_caller_speaks()
    {
        var decision = Endpointing.Decide(Rules, "I want pricing", 0.95, Ms(5000), callerSpeaking: true);

        decision.ShouldBe(new EndpointingDecision(EndpointingVerdict.KeepListening, Ms(600)));
    }

    [Fact]
    public void Too_few_words_keep_listening_until_the_never_stuck_wait()
    {
        var decision = Endpointing.Decide(Rules, "yes", 0.95, Ms(600), callerSpeaking: false);

        decision.ShouldBe(new EndpointingDecision(EndpointingVerdict.KeepListening, Ms(900)));
    }

    [Fact]
    public void Low_confidence_keeps_listening_until_the_never_stuck_wait()
    {
        var decision = Endpointing.Decide(Rules, "I want pricing", 0.6, Ms(1000), callerSpeaking: false);

        decision.Verdict.ShouldBe(EndpointingVerdict.KeepListening);
    }

    [Fact]
    public void Too_few_words_end_the_turn_after_one_and_a_half_seconds_of_silence()
    {
        var decision = Endpointing.Decide(Rules, "yes", 0.95, Ms(1500), callerSpeaking: false);

        decision.Verdict.ShouldBe(EndpointingVerdict.EndTurn);
    }

    [Fact]
    public void Low_confidence_ends_the_turn_after_the_longer_of_its_wait_and_one_and_a_half_seconds()
    {
        Endpointing.Decide(Rules, "I want pricing", 0.6, Ms(1500), callerSpeaking: false).Verdict.ShouldBe(EndpointingVerdict.KeepListening);
        Endpointing.Decide(Rules, "I want pricing", 0.6, Ms(2999), callerSpeaking: false).Verdict.ShouldBe(EndpointingVerdict.KeepListening);

        Endpointing.Decide(Rules, "I want pricing", 0.6, Ms(3000), callerSpeaking: false).Verdict.ShouldBe(EndpointingVerdict.EndTurn);
    }

    [Fact]
    public void The_never_stuck_rule_waits_while_the_caller_speaks()
    {
        var decision = Endpointing.Decide(Rules, "yes", 0.3, Ms(10000), callerSpeaking: true);

        decision.Verdict.ShouldBe(EndpointingVerdict.KeepListening);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("... ?")]
    public void Without_words_the_turn_never_ends(string text)
    {
        var decision = Endpointing.Decide(Rules, text, 0.99, Ms(60000), callerSpeaking: false);

        decision.ShouldBe(new EndpointingDecision(EndpointingVerdict.KeepListening, Timeout.InfiniteTimeSpan));
    }

    [Fact]
    public void Words_of_several_finals_add_up()
    {
        var decision = Endpointing.Decide(Rules, "pricing please", 0.95, Ms(600), callerSpeaking: false);

        decision.Verdict.ShouldBe(EndpointingVerdict.EndTurn);
    }

    [Theory]
    [InlineData(0.1, 0, false)]
    [InlineData(0.99, 0, true)]
    public void Disabled_rules_end_the_turn_on_any_final_with_a_word(double confidence, int silenceMs, bool callerSpeaking)
    {
        var rules = Rules with { Enabled = false };

        var decision = Endpointing.Decide(rules, "hi", confidence, Ms(silenceMs), callerSpeaking);

        decision.Verdict.ShouldBe(EndpointingVerdict.EndTurn);
    }

    [Fact]
    public void Disabled_rules_keep_listening_without_words()
    {
        var rules = Rules with { Enabled = false };

        Endpointing.Decide(rules, " ", 0.9, Ms(5000), callerSpeaking: false).Verdict.ShouldBe(EndpointingVerdict.KeepListening);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("   \t\n", 0)]
    [InlineData("hello", 1)]
    [InlineData("I'd like  two tickets.", 4)]
    [InlineData("room 42, please", 3)]
    [InlineData("uh-huh", 2)]
    [InlineData("... — !", 0)]
    [InlineData("— hi —", 1)]
    [InlineData("नमस्ते दोस्त", 2)]
    public void Words_are_runs_of_letters_digits_and_apostrophes(string text, int expected)
    {
        Endpointing.CountWords(text).ShouldBe(expected);
    }
}
