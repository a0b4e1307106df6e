using Invorto.Application.Audio;
using Invorto.Infrastructure.Conversations.Providers.Synthesis;
using Invorto.Testing.Providers;
using Shouldly;
using Xunit;

namespace Invorto.Infrastructure.Tests.Conversations.Providers.Synthesis;

public sealed class PolyphaseResamplerTests
{
    [Theory]
    [InlineData(24000, 16000)]
    [InlineData(24000, 8000)]
    [InlineData(22050, 16000)]
    [InlineData(44100, 48000)]
    [InlineData(16000, 24000)]
    public void Feeding_chunks_of_any_size_gives_the_output_of_one_block(int from, int to)
    {
        var input = TestTone.Samples(TestTone.Pcm16(from, 440, TimeSpan.FromMilliseconds(700)));

        var whole = Resample(from, to, [input.Length], input);
        var chunked = Resample(from, to, [1, 7, 160, 3, 999, 2, 480, 1], input);

        chunked.ShouldBe(whole);
    }

    [Theory]
    [InlineData(24000, 16000, 24000, 16000)]
    [InlineData(24000, 8000, 24001, 8001)]
    [InlineData(22050, 16000, 22050, 16000)]
    [InlineData(44100, 48000, 441, 480)]
    [InlineData(24000, 48000, 5, 10)]
    public void The_flushed_stream_holds_exactly_the_scaled_sample_count(int from, int to, int inputSamples, int outputSamples)
    {
        var input = new short[inputSamples];

        var output = Resample(from, to, [inputSamples], input);

        output.Length.ShouldBe(outputSamples);
    }

    [Theory]
    [InlineData(24000, 8000, 1000)]
    [InlineData(24000, 16000, 3000)]
    [InlineData(44100, 48000, 5000)]
    public void A_tone_the_new_rate_can_carry_keeps_its_level_and_pitch(int from, int to, double hz)
    {
        var tone = TestTone.Pcm16(from, hz, TimeSpan.FromSeconds(1));

        var output = ToBytes(Resample(from, to, [4096], TestTone.Samples(tone)));

        Pcm16.RmsDbfs(output).ShouldBe(Pcm16.RmsDbfs(tone), tolerance: 0.5);
        TestTone.ZeroCrossings(output).ShouldBeInRange((int)(2 * hz) - 4, (int)(2 * hz) + 4);
    }

    [Theory]
    [InlineData(24000, 8000, 6000)]
    [InlineData(24000, 16000, 10000)]
    public void A_tone_above_the_new_nyquist_rate_is_filtered_out_instead_of_aliasing(int from, int to, double hz)
    {
        var tone = TestTone.Pcm16(from, hz, TimeSpan.FromSeconds(1));

        var output = ToBytes(Resample(from, to, [4096], TestTone.Samples(tone)));

        Pcm16.RmsDbfs(output).ShouldBeLessThan(Pcm16.RmsDbfs(tone) - 50);
    }

    [Fact]
    public void A_ratio_needing_too_many_phases_is_refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new PolyphaseResampler(24000, 16001));
    }

    private static short[] Resample(int from, int to, int[] chunkPattern, short[] input)
    {
        var resampler = new PolyphaseResampler(from, to);
        var output = new List<short>();
        var position = 0;
        for (var i = 0; position < input.Length; i++)
        {
            var take = Math.Min(chunkPattern[i % chunkPattern.Length], input.Length - position);
            var buffer = new short[resampler.MaxOutputSamples(take)];
            var written = resampler.Process(input.AsSpan(position, take), buffer);
            output.AddRange(buffer.AsSpan(0, written).ToArray());
            position += take;
        }

        var tail = new short[resampler.MaxOutputSamples(0)];
        output.AddRange(tail.AsSpan(0, resampler.Flush(tail)).ToArray());
        return [.. output];
    }

    private static byte[] ToBytes(short[] samples)
    {
        var bytes = new byte[samples.Length * 2];
        for (var i = 0; i < samples.Length; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(i * 2), samples[i]);
        }

        return bytes;
    }
}
