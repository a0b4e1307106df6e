using Invorto.Domain.Conversations.Turns;

namespace Invorto.Domain.Tests.Conversations.Turns;

public sealed class PlayedTextTests
{
    private const string Text = "one two three four";

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Theory]
    [InlineData(7, "one two")]
    [InlineData(8, "one two")]
    [InlineData(9, "one two")]
    [InlineData(12, "one two")]
    [InlineData(13, "one two three")]
    [InlineData(17.9, "one two three")]
    public void The_cut_falls_back_to_the_last_whole_word(double played, string expected)
    {
        PlayedText.Truncate(Text, S(Text.Length), S(played)).ShouldBe(expected);
    }

    [Fact]
    public void All_audio_played_keeps_the_whole_text()
    {
        PlayedText.Truncate(Text, S(4), S(4)).ShouldBe(Text);
        PlayedText.Truncate(Text, S(4), S(9)).ShouldBe(Text);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(0.5)]
    public void Nothing_or_only_part_of_the_first_word_played_gives_nothing(double played)
    {
        PlayedText.Truncate(Text, S(Text.Length), S(played)).ShouldBe(string.Empty);
    }

    [Fact]
    public void Empty_text_or_no_audio_gives_nothing()
    {
        PlayedText.Truncate(string.Empty, S(2), S(1)).ShouldBe(string.Empty);
        PlayedText.Truncate(Text, TimeSpan.Zero, S(1)).ShouldBe(string.Empty);
    }

    [Fact]
    public void The_result_is_never_cut_mid_word()
    {
        const string reply = "Sure, I can book that for Tuesday at 3 pm. Anything else?";
        var total = TimeSpan.FromMilliseconds(4000);

        for (var ms = 0; ms <= 4000; ms += 10)
        {
            var played = PlayedText.Truncate(reply, total, TimeSpan.FromMilliseconds(ms));

            reply.ShouldStartWith(played);
            (played.Length == 0 || played.Length == reply.Length || char.IsWhiteSpace(reply[played.Length])).ShouldBeTrue($"{ms} ms: '{played}'");
            played.ShouldBe(played.TrimEnd());
        }
    }

    [Fact]
    public void Punctuation_stays_with_its_word()
    {
        PlayedText.Truncate("Sure, I can help.", S(17), S(6)).ShouldBe("Sure,");
    }
}
