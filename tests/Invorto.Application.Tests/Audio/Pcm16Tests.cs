using Invorto.Application.Audio;

namespace Invorto.Application.Tests.Audio;

public sealed class Pcm16Tests
{
    [Theory]
    [InlineData(16000, 20, 640, 320)]
    [InlineData(16000, 40, 1280, 640)]
    [InlineData(8000, 20, 320, 160)]
    [InlineData(24000, 20, 960, 480)]
    public void Frame_sizes_follow_the_sample_rate(int sampleRate, int frameMs, int bytes, int samples)
    {
        Pcm16.BytesPerFrame(sampleRate, frameMs).ShouldBe(bytes);
        Pcm16.SamplesPerFrame(sampleRate, frameMs).ShouldBe(samples);
    }

    [Theory]
    [InlineData(640, 16000, 20)]
    [InlineData(320, 8000, 20)]
    [InlineData(32000, 16000, 1000)]
    [InlineData(641, 16000, 20)]
    [InlineData(0, 16000, 0)]
    public void Duration_counts_whole_samples(int bytes, int sampleRate, int expectedMs)
    {
        Pcm16.Duration(bytes, sampleRate).ShouldBe(TimeSpan.FromMilliseconds(expectedMs));
    }

    [Fact]
    public void Duration_keeps_sub_millisecond_precision()
    {
        Pcm16.Duration(2, 16000).ShouldBe(TimeSpan.FromTicks(625));
    }

    [Fact]
    public void A_full_scale_sine_is_minus_3_dbfs()
    {
        var pcm = Signals.ToBytes(Signals.Sine(1000, 16000, 0.02, amplitude: 1));

        Pcm16.RmsDbfs(pcm).ShouldBe(-3.01, 0.02);
    }

    [Fact]
    public void A_half_scale_sine_is_6_db_lower()
    {
        var pcm = Signals.ToBytes(Signals.Sine(1000, 16000, 0.02, amplitude: 0.5));

        Pcm16.RmsDbfs(pcm).ShouldBe(-9.03, 0.02);
    }

    [Fact]
    public void Digital_silence_and_empty_audio_are_minus_100()
    {
        Pcm16.RmsDbfs(new byte[640]).ShouldBe(-100);
        Pcm16.RmsDbfs([]).ShouldBe(-100);
    }

    [Fact]
    public void The_level_is_clamped_to_0_and_minus_100()
    {
        var loudest = Signals.ToBytes(Enumerable.Repeat(short.MinValue, 320).ToArray());
        var quietest = Signals.ToBytes([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

        Pcm16.RmsDbfs(loudest).ShouldBe(0);
        Pcm16.RmsDbfs(quietest).ShouldBe(-100);
    }

    [Fact]
    public void A_trailing_odd_byte_is_ignored()
    {
        var pcm = Signals.ToBytes(Signals.Sine(1000, 16000, 0.02, amplitude: 1)).Append((byte)0x7F).ToArray();

        Pcm16.RmsDbfs(pcm).ShouldBe(-3.01, 0.02);
    }

    [Fact]
    public void Write_silence_zeroes_the_buffer()
    {
        var pcm = Signals.ToBytes(Signals.Sine(1000, 16000, 0.02));

        Pcm16.WriteSilence(pcm);

        pcm.ShouldAllBe(b => b == 0);
    }
}
