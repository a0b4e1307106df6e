using Invorto.Infrastructure.Conversations.Providers.Espeak;
using Shouldly;
using Xunit;

namespace Invorto.Infrastructure.Tests.Conversations.Providers.Espeak;

public sealed class EspeakVoiceChoiceTests
{
    [Fact]
    public void The_voice_id_comes_first_then_the_locale_then_its_language_then_english()
    {
        EspeakVoiceChoice.Candidates("aura-2-thalia-en", "hi-IN").ShouldBe(["aura-2-thalia-en", "hi-in", "hi", "en"]);
    }

    [Fact]
    public void An_espeak_voice_id_for_the_same_language_is_not_repeated()
    {
        EspeakVoiceChoice.Candidates("en-us", "en-US").ShouldBe(["en-us", "en"]);
    }

    [Fact]
    public void A_voice_id_that_cannot_be_a_voice_name_is_ignored()
    {
        EspeakVoiceChoice.Candidates("voice; rm -rf /", "en-IN").ShouldBe(["en-in", "en"]);
    }

    [Theory]
    [InlineData(1.0, 175)]
    [InlineData(2.0, 350)]
    [InlineData(0.5, 88)]
    [InlineData(3.0, 450)]
    [InlineData(0.1, 80)]
    [InlineData(0.0, 175)]
    public void The_rate_scales_espeaks_normal_words_per_minute_within_its_limits(double rate, int wordsPerMinute)
    {
        EspeakVoiceChoice.WordsPerMinute(rate).ShouldBe(wordsPerMinute);
    }
}
