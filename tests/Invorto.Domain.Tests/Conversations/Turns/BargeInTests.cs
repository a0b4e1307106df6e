using Invorto.Domain.Conversations.Turns;

namespace Invorto.Domain.Tests.Conversations.Turns;

public sealed class BargeInTests
{
    private static readonly BargeInRules Rules = new(true, 2, 300, BargeInRules.DefaultBackchannels);

    private static TimeSpan Ms(int ms) => TimeSpan.FromMilliseconds(ms);

    [Fact]
    public void Enough_words_interrupt_before_the_speech_duration()
    {
        BargeIn.Decide(Rules, agentSpeaking: true, Ms(0), "wait stop").ShouldBe(BargeInVerdict.Interrupt);
    }

    [Fact]
    public void Fewer_words_than_the_minimum_do_not_interrupt_early()
    {
        BargeIn.Decide(Rules, agentSpeaking: true, Ms(200), "wait").ShouldBe(BargeInVerdict.Ignore);
    }

    [Fact]
    public void Speech_long_enough_interrupts_before_any_words_are_known()
    {
        BargeIn.Decide(Rules, agentSpeaking: true, Ms(300), null).ShouldBe(BargeInVerdict.Interrupt);
        BargeIn.Decide(Rules, agentSpeaking: true, Ms(300), "").ShouldBe(BargeInVerdict.Interrupt);
    }

    [Fact]
    public void Speech_shorter_than_the_minimum_with_no_words_does_not_interrupt()
    {
        BargeIn.Decide(Rules, agentSpeaking: true, Ms(299), null).ShouldBe(BargeInVerdict.Ignore);
    }

    [Fact]
    public void Speech_long_enough_with_one_real_word_interrupts()
    {
        BargeIn.Decide(Rules, agentSpeaking: true, Ms(400), "ok so").ShouldBe(BargeInVerdict.Interrupt);
    }

    [Theory]
    [InlineData("ok")]
    [InlineData("Mhmm, yeah.")]
    [InlineData("UH-HUH")]
    [InlineData("uh huh")]
    [InlineData("Got it!")]
    [InlineData("okay okay okay")]
    [InlineData("Yes, right, I see.")]
    public void Backchannels_never_interrupt_however_long(string partial)
    {
        BargeIn.Decide(Rules, agentSpeaking: true, TimeSpan.FromSeconds(5), partial).ShouldBe(BargeInVerdict.Ignore);
    }

    [Fact]
    public void Backchannel_words_do_not_count_towards_the_minimum()
    {
        BargeIn.Decide(Rules, agentSpeaking: true, Ms(100), "yeah yeah sure").ShouldBe(BargeInVerdict.Ignore);
        BargeIn.Decide(Rules, agentSpeaking: true, Ms(100), "yeah but wait").ShouldBe(BargeInVerdict.Interrupt);
    }

    [Fact]
    public void A_backchannel_phrase_inside_a_sentence_leaves_the_other_words()
    {
        BargeIn.Decide(Rules, agentSpeaking: true, Ms(0), "I see what you mean").ShouldBe(BargeInVerdict.Interrupt);
    }

    [Fact]
    public void Nothing_interrupts_when_the_agent_is_not_interruptible()
    {
        var rules = Rules with { Interruptible = false };

        BargeIn.Decide(rules, agentSpeaking: true, TimeSpan.FromSeconds(5), "stop stop please listen").ShouldBe(BargeInVerdict.Ignore);
    }

    [Fact]
    public void Nothing_interrupts_when_the_agent_is_silent()
    {
        BargeIn.Decide(Rules, agentSpeaking: false, TimeSpan.FromSeconds(5), "stop stop please listen").ShouldBe(BargeInVerdict.Ignore);
    }

    [Theory]
    [InlineData("Right.", true)]
    [InlineData("  mm-hmm  ", true)]
    [InlineData("mhm... OK!", true)]
    [InlineData("right now", false)]
    [InlineData("", false)]
    [InlineData("...", false)]
    [InlineData(null, false)]
    public void Backchannel_only_ignores_case_and_punctuation(string? text, bool expected)
    {
        BargeIn.IsBackchannelOnly(Rules, text).ShouldBe(expected);
    }

    [Fact]
    public void Custom_backchannels_are_matched_word_by_word_ignoring_case()
    {
        var rules = Rules with { Backchannels = new HashSet<string> { "Haan ji", "Achha" } };

        BargeIn.IsBackchannelOnly(rules, "haan, JI").ShouldBeTrue();
        BargeIn.IsBackchannelOnly(rules, "achha").ShouldBeTrue();
        BargeIn.IsBackchannelOnly(rules, "ok").ShouldBeFalse();
    }

    [Theory]
    [InlineData("mhmm")]
    [InlineData("MHM")]
    [InlineData("Uh-Huh")]
    [InlineData("alright")]
    [InlineData("got it")]
    [InlineData("I see")]
    public void The_default_backchannels_are_case_insensitive(string word)
    {
        BargeInRules.DefaultBackchannels.Contains(word).ShouldBeTrue();
    }
}
