using Invorto.Application.Audio;

namespace Invorto.Application.Tests.Audio;

public sealed class PcmFramerTests
{
    private const int FrameBytes = 640;

    [Fact]
    public void Chunks_of_odd_lengths_come_out_as_the_same_bytes_in_whole_frames()
    {
        var audio = Enumerable.Range(0, FrameBytes * 7).Select(i => (byte)(i * 7 % 251)).ToArray();
        var framer = new PcmFramer(FrameBytes);
        var output = new List<byte>();
        var frame = new byte[FrameBytes];
        var chunkSizes = new[] { 1, 3, 641, 7, 639, 1000, 13, 2 };

        var offset = 0;
        for (var i = 0; offset < audio.Length; i++)
        {
            var size = Math.Min(chunkSizes[i % chunkSizes.Length], audio.Length - offset);
            ReadOnlySpan<byte> input = audio.AsSpan(offset, size);
            offset += size;
            while (framer.TryRead(ref input, frame))
            {
                output.AddRange(frame);
            }

            input.Length.ShouldBe(0);
        }

        output.ShouldBe(audio);
        framer.Buffered.ShouldBe(0);
    }

    [Fact]
    public void A_partial_frame_stays_buffered()
    {
        var framer = new PcmFramer(FrameBytes);
        ReadOnlySpan<byte> input = new byte[FrameBytes - 1];

        framer.TryRead(ref input, new byte[FrameBytes]).ShouldBeFalse();

        input.Length.ShouldBe(0);
        framer.Buffered.ShouldBe(FrameBytes - 1);
    }

    [Fact]
    public void A_remainder_is_completed_by_the_next_input_before_whole_frames_are_taken_from_it()
    {
        var framer = new PcmFramer(FrameBytes);
        var frame = new byte[FrameBytes];
        ReadOnlySpan<byte> first = Enumerable.Repeat((byte)1, 100).ToArray();
        framer.TryRead(ref first, frame).ShouldBeFalse();
        ReadOnlySpan<byte> second = Enumerable.Repeat((byte)2, FrameBytes).ToArray();

        framer.TryRead(ref second, frame).ShouldBeTrue();

        frame.Take(100).ShouldAllBe(b => b == 1);
        frame.Skip(100).ShouldAllBe(b => b == 2);
        framer.TryRead(ref second, frame).ShouldBeFalse();
        framer.Buffered.ShouldBe(100);
    }

    [Fact]
    public void Flush_pads_the_last_partial_frame_with_silence()
    {
        var framer = new PcmFramer(FrameBytes);
        ReadOnlySpan<byte> input = Enumerable.Repeat((byte)0xAB, 101).ToArray();
        var frame = Enumerable.Repeat((byte)0xFF, FrameBytes).ToArray();
        framer.TryRead(ref input, frame).ShouldBeFalse();

        framer.TryFlush(frame).ShouldBeTrue();

        frame.Take(101).ShouldAllBe(b => b == 0xAB);
        frame.Skip(101).ShouldAllBe(b => b == 0);
        framer.Buffered.ShouldBe(0);
        framer.TryFlush(frame).ShouldBeFalse();
    }

    [Fact]
    public void An_input_of_many_frames_yields_every_frame_and_keeps_the_rest()
    {
        var framer = new PcmFramer(FrameBytes);
        var frame = new byte[FrameBytes];
        ReadOnlySpan<byte> input = new byte[(FrameBytes * 10) + 3];

        var frames = 0;
        while (framer.TryRead(ref input, frame))
        {
            frames++;
        }

        frames.ShouldBe(10);
        framer.Buffered.ShouldBe(3);
    }

    [Fact]
    public void Clear_forgets_buffered_audio()
    {
        var framer = new PcmFramer(FrameBytes);
        ReadOnlySpan<byte> input = new byte[FrameBytes + 5];
        var frame = new byte[FrameBytes];
        while (framer.TryRead(ref input, frame))
        {
        }

        framer.Clear();

        framer.Buffered.ShouldBe(0);
        framer.TryFlush(frame).ShouldBeFalse();
    }

    [Fact]
    public void A_destination_smaller_than_a_frame_is_refused()
    {
        var framer = new PcmFramer(FrameBytes);

        Should.Throw<ArgumentException>(() =>
        {
            ReadOnlySpan<byte> input = new byte[FrameBytes];
            framer.TryRead(ref input, new byte[FrameBytes - 1]);
        });
    }

    [Theory]
    [InlineData(0)]
    [InlineData(641)]
    public void A_frame_size_that_is_not_whole_samples_is_refused(int frameBytes)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new PcmFramer(frameBytes));
    }
}
