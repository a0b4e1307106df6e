using Invorto.Application.Audio;
using Invorto.Infrastructure.Conversations.Providers.Synthesis;
using Invorto.Testing.Providers;
using Shouldly;
using Xunit;

namespace Invorto.Infrastructure.Tests.Conversations.Providers.Synthesis;

public sealed class SpeechAudioConverterTests
{
    [Theory]
    [InlineData(16000)]
    [InlineData(8000)]
    public void A_sample_split_between_two_chunks_is_put_back_together_wherever_the_split_falls(int targetRate)
    {
        var source = new ProviderAudioFormat(ProviderAudioEncoding.Pcm16, 24000);
        var audio = TestTone.Pcm16(24000, 440, TimeSpan.FromMilliseconds(20));
        var expected = Convert(source, targetRate, audio.Length, audio);

        for (var split = 1; split < audio.Length; split += 1)
        {
            Convert(source, targetRate, split, audio).ShouldBe(expected, $"split at byte {split}");
        }
    }

    [Fact]
    public void Pcm16_at_the_call_rate_passes_through_unchanged()
    {
        var audio = TestTone.Pcm16(16000, 440, TimeSpan.FromMilliseconds(100));

        var result = Convert(new ProviderAudioFormat(ProviderAudioEncoding.Pcm16, 16000), 16000, 333, audio);

        result.ShouldBe(audio);
    }

    [Fact]
    public void Mu_law_is_decoded_to_pcm16()
    {
        var ulaw = TestTone.MuLaw8k(440, TimeSpan.FromMilliseconds(100));
        var expected = new byte[ulaw.Length * 2];
        MuLaw.Decode(ulaw, expected);

        var result = Convert(new ProviderAudioFormat(ProviderAudioEncoding.MuLaw, 8000), 8000, 77, ulaw);

        result.ShouldBe(expected);
    }

    [Fact]
    public void A_lone_trailing_byte_is_dropped_at_the_end()
    {
        var audio = TestTone.Pcm16(16000, 440, TimeSpan.FromMilliseconds(10));
        var withStray = audio.Append((byte)0x7F).ToArray();

        var result = Convert(new ProviderAudioFormat(ProviderAudioEncoding.Pcm16, 16000), 16000, withStray.Length, withStray);

        result.ShouldBe(audio);
    }

    private static byte[] Convert(ProviderAudioFormat source, int targetRate, int firstChunk, byte[] audio)
    {
        var converter = new SpeechAudioConverter(source, targetRate);
        var output = new List<byte>();
        for (var position = 0; position < audio.Length;)
        {
            var take = position == 0 ? Math.Min(firstChunk, audio.Length) : Math.Min(firstChunk, audio.Length - position);
            output.AddRange(converter.Convert(audio.AsSpan(position, take)).ToArray());
            position += take;
        }

        output.AddRange(converter.Flush().ToArray());
        return [.. output];
    }
}
