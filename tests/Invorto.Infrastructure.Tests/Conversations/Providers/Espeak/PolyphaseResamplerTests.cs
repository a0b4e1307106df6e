using System.Runtime.InteropServices;
using Invorto.Application.Audio;
using Invorto.Infrastructure.Conversations.Providers.Espeak;
using Shouldly;
using Xunit;

namespace Invorto.Infrastructure.Tests.Conversations.Providers.Espeak;

public sealed class PolyphaseResamplerTests
{
    private const int EspeakRate = 22050;

    [Theory]
    [InlineData(8000)]
    [InlineData(16000)]
    public void A_tone_in_the_pass_band_keeps_its_level_and_the_audio_its_length(int toRate)
    {
        var input = Tone(1000, EspeakRate, samples: EspeakRate);

        var output = Convert(input, EspeakRate, toRate, chunk: input.Length);

        output.Length.ShouldBe(toRate);
        Level(output[(toRate / 10)..^(toRate / 10)]).ShouldBe(Level(input), 0.5);
    }

    [Fact]
    public void A_tone_above_the_new_nyquist_frequency_is_removed()
    {
        var input = Tone(6000, EspeakRate, samples: EspeakRate);

        var output = Convert(input, EspeakRate, 8000, chunk: input.Length);

        Level(output).ShouldBeLessThan(Level(input) - 50);
    }

    [Fact]
    public void Converting_chunk_by_chunk_gives_exactly_the_output_of_one_block()
    {
        var input = Tone(440, EspeakRate, samples: 5000);

        var whole = Convert(input, EspeakRate, 16000, chunk: input.Length);
        var chunked = Convert(input, EspeakRate, 16000, chunk: 37);

        chunked.ShouldBe(whole);
    }

    private static short[] Convert(short[] input, int fromRate, int toRate, int chunk)
    {
        var resampler = new PolyphaseResampler(PolyphaseFilter.Create(fromRate, toRate));
        var output = new List<short>();
        for (var offset = 0; offset < input.Length; offset += chunk)
        {
            var piece = input.AsSpan(offset, Math.Min(chunk, input.Length - offset));
            var buffer = new short[resampler.MaxOutputSamples(piece.Length)];
            output.AddRange(buffer.AsSpan(0, resampler.Process(piece, buffer)).ToArray());
        }

        var tail = new short[resampler.MaxOutputSamples(0)];
        output.AddRange(tail.AsSpan(0, resampler.Flush(tail)).ToArray());
        return [.. output];
    }

    private static short[] Tone(double hertz, int sampleRate, int samples) =>
        Enumerable.Range(0, samples).Select(i => (short)(Math.Sin(2 * Math.PI * hertz * i / sampleRate) * 10_000)).ToArray();

    private static double Level(short[] samples) => Pcm16.RmsDbfs(MemoryMarshal.AsBytes(samples.AsSpan()));
}
