using Invorto.Infrastructure.Conversations.Providers.PocketSphinx;
using Shouldly;
using Xunit;

namespace Invorto.Infrastructure.Tests.Conversations.Providers.PocketSphinx;

public sealed class PocketSphinxConfidenceTests
{
    [Fact]
    public void Words_that_fit_well_and_cover_the_speech_are_confident()
    {
        PocketSphinxConfidence.Estimate(wordFrames: 160, acousticScore: 160 * -36, speechMs: 1650).ShouldBeGreaterThan(0.9);
    }

    [Fact]
    public void Words_that_cover_a_third_of_the_speech_are_not_confident_however_well_they_fit()
    {
        PocketSphinxConfidence.Estimate(wordFrames: 50, acousticScore: 50 * -35, speechMs: 1500).ShouldBeLessThan(0.35);
    }

    [Fact]
    public void A_poor_fit_lowers_the_confidence()
    {
        var good = PocketSphinxConfidence.Estimate(100, 100 * -40, 1000);
        var poor = PocketSphinxConfidence.Estimate(100, 100 * -60, 1000);

        poor.ShouldBeLessThan(good);
        poor.ShouldBeInRange(0.0, 1.0);
    }

    [Fact]
    public void No_words_means_no_confidence()
    {
        PocketSphinxConfidence.Estimate(0, 0, 1000).ShouldBe(0);
    }
}
