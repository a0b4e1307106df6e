using Invorto.Application.Audio;

namespace Invorto.Application.Tests.Audio;

public sealed class PcmResamplerTests
{
    private const int Warmup = 128;

    [Fact]
    public void A_1_khz_tone_survives_8_to_16_to_8_khz_with_its_level_and_frequency()
    {
        var input = Signals.Sine(1000, 8000, 1.0, amplitude: 0.5);

        var upsampled = ProcessInFrames(PcmResampler.Create(8000, 16000), input, 160);
        var output = ProcessInFrames(PcmResampler.Create(16000, 8000), upsampled, 320);

        output.Length.ShouldBe(input.Length);
        var steady = output.AsSpan(Warmup);
        Math.Abs(Signals.RmsDbfs(steady) - Signals.RmsDbfs(input.AsSpan(Warmup))).ShouldBeLessThan(1.0);
        var expectedCrossings = Signals.ZeroCrossings(input.AsSpan(Warmup));
        ((double)expectedCrossings).ShouldBe(2 * 1000 * (input.Length - Warmup) / 8000.0, 2);
        Math.Abs(Signals.ZeroCrossings(steady) - expectedCrossings).ShouldBeLessThanOrEqualTo(2);
        Math.Abs(Signals.ZeroCrossings(upsampled.AsSpan(2 * Warmup)) - expectedCrossings).ShouldBeLessThanOrEqualTo(2);
    }

    [Fact]
    public void A_6_khz_tone_is_attenuated_at_least_30_db_going_to_8_khz()
    {
        var input = Signals.Sine(6000, 16000, 1.0, amplitude: 0.5);

        var output = ProcessInFrames(PcmResampler.Create(16000, 8000), input, 320);

        var attenuation = Signals.RmsDbfs(input) - Signals.RmsDbfs(output.AsSpan(Warmup));
        attenuation.ShouldBeGreaterThanOrEqualTo(30);
    }

    [Fact]
    public void A_3_khz_tone_upsampled_from_8_khz_has_no_image_above_4_khz()
    {
        var input = Signals.Sine(3000, 8000, 1.0, amplitude: 0.5);

        var output = ProcessInFrames(PcmResampler.Create(8000, 16000), input, 160);

        var steady = output.AsSpan(1600, 8000);
        var tone = Signals.ToneAmplitude(steady, 3000, 16000);
        tone.ShouldBe(0.5 * Signals.FullScale, 0.5 * Signals.FullScale * 0.12);
        foreach (var frequency in new[] { 4500.0, 5000, 5500, 6000, 7000, 7500 })
        {
            var image = Signals.ToneAmplitude(steady, frequency, 16000);
            (20 * Math.Log10(image / tone)).ShouldBeLessThan(-30, $"{frequency} Hz");
        }
    }

    [Theory]
    [InlineData(8000, 16000, 160)]
    [InlineData(16000, 8000, 320)]
    [InlineData(16000, 8000, 161)]
    public void Frame_by_frame_output_is_identical_to_one_block(int fromRate, int toRate, int frameSamples)
    {
        var input = Signals.Mix(Signals.SpeechBurst(fromRate, 0.5, -20), Signals.Noise(fromRate, 0.5, -40, seed: 7));

        var framed = ProcessInFrames(PcmResampler.Create(fromRate, toRate), input, frameSamples);
        var block = ProcessInFrames(PcmResampler.Create(fromRate, toRate), input, input.Length);

        framed.ShouldBe(block);
    }

    [Fact]
    public void Output_bytes_is_exactly_what_process_writes()
    {
        var down = PcmResampler.Create(16000, 8000);
        var up = PcmResampler.Create(8000, 16000);
        var output = new byte[2000];

        up.OutputBytes(320).ShouldBe(640);
        down.OutputBytes(640).ShouldBe(320);
        down.OutputBytes(2).ShouldBe(0);
        down.Process(new byte[2], output).ShouldBe(0);
        down.OutputBytes(2).ShouldBe(2);
        down.Process(new byte[642], output).ShouldBe(322);
    }

    [Fact]
    public void Reset_forgets_the_filter_history()
    {
        var input = Signals.ToBytes(Signals.SpeechBurst(8000, 0.1, -20));
        var resampler = PcmResampler.Create(8000, 16000);
        var first = new byte[resampler.OutputBytes(input.Length)];
        var second = new byte[first.Length];

        resampler.Process(input, first);
        resampler.Reset();
        resampler.Process(input, second);

        second.ShouldBe(first);
    }

    [Fact]
    public void The_same_rate_copies_the_audio()
    {
        var input = Signals.ToBytes(Signals.SpeechBurst(16000, 0.02, -20));
        var resampler = PcmResampler.Create(16000, 16000);
        var output = new byte[input.Length];

        resampler.Process(input, output).ShouldBe(input.Length);

        output.ShouldBe(input);
    }

    [Theory]
    [InlineData(44100, 16000)]
    [InlineData(8000, 24000)]
    [InlineData(16000, 48000)]
    [InlineData(0, 0)]
    public void Other_rate_pairs_are_refused(int fromRate, int toRate)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => PcmResampler.Create(fromRate, toRate));
    }

    [Fact]
    public void Half_a_sample_or_a_too_small_destination_is_refused()
    {
        var resampler = PcmResampler.Create(8000, 16000);

        Should.Throw<ArgumentException>(() => resampler.Process(new byte[3], new byte[100]));
        Should.Throw<ArgumentException>(() => resampler.Process(new byte[320], new byte[639]));
    }

    private static short[] ProcessInFrames(PcmResampler resampler, short[] input, int frameSamples)
    {
        var bytes = Signals.ToBytes(input);
        var output = new List<short>();
        for (var offset = 0; offset < bytes.Length; offset += frameSamples * 2)
        {
            var chunk = bytes.AsSpan(offset, Math.Min(frameSamples * 2, bytes.Length - offset));
            var destination = new byte[resampler.OutputBytes(chunk.Length)];
            var written = resampler.Process(chunk, destination);
            output.AddRange(Signals.ToSamples(destination.AsSpan(0, written)));
        }

        return [.. output];
    }
}
