using Invorto.Application.Audio;

namespace Invorto.Application.Tests.Audio;

public sealed class JitterBufferTests
{
    private const int FrameBytes = 640;

    private readonly byte[] _out = new byte[FrameBytes];
    private readonly CountingFramePool _pool = new();

    [Fact]
    public void Playout_waits_for_the_target_depth()
    {
        var buffer = new JitterBuffer(_pool, FrameBytes);

        buffer.Push(Frame(1));
        Pop(buffer).ShouldBeFalse();
        buffer.Push(Frame(2));
        Pop(buffer).ShouldBeFalse();
        buffer.Push(Frame(3));

        Pop(buffer).ShouldBeTrue();
        _out[0].ShouldBe((byte)1);
        buffer.Depth.ShouldBe(2);
        buffer.Underruns.ShouldBe(0);
    }

    [Fact]
    public void Steady_arrival_plays_every_frame_in_order_at_constant_depth()
    {
        var buffer = Prefilled(out var next);
        var played = new List<byte>();

        for (var tick = 0; tick < 100; tick++)
        {
            buffer.Push(Frame(next++));
            Pop(buffer).ShouldBeTrue();
            played.Add(_out[0]);
            buffer.Depth.ShouldBe(2);
        }

        played.ShouldBe(Enumerable.Range(2, 100).Select(i => (byte)i));
        buffer.Underruns.ShouldBe(0);
        buffer.Dropped.ShouldBe(0);
    }

    [Fact]
    public void A_stall_of_three_frames_then_a_late_burst_does_not_underrun_at_depth_three()
    {
        var buffer = Prefilled(out var next);
        buffer.Push(Frame(next++));
        var played = new List<byte>();

        for (var tick = 0; tick < 5; tick++)
        {
            Pop(buffer).ShouldBeTrue();
            played.Add(_out[0]);
            buffer.Push(Frame(next++));
        }

        buffer.Depth.ShouldBe(3);
        for (var tick = 0; tick < 3; tick++)
        {
            Pop(buffer).ShouldBeTrue();
            played.Add(_out[0]);
        }

        for (var late = 0; late < 4; late++)
        {
            buffer.Push(Frame(next++));
        }

        Pop(buffer).ShouldBeTrue();
        played.Add(_out[0]);
        buffer.Underruns.ShouldBe(0);
        played.ShouldBe(Enumerable.Range(2, 9).Select(i => (byte)i));
    }

    [Fact]
    public void Popping_an_empty_buffer_counts_an_underrun_and_prefills_again()
    {
        var buffer = Prefilled(out var next);
        Pop(buffer).ShouldBeTrue();
        Pop(buffer).ShouldBeTrue();

        Pop(buffer).ShouldBeFalse();
        Pop(buffer).ShouldBeFalse();

        buffer.Underruns.ShouldBe(1);
        buffer.Push(Frame(next++));
        buffer.Push(Frame(next++));
        Pop(buffer).ShouldBeFalse();
        buffer.Push(Frame(next++));
        Pop(buffer).ShouldBeTrue();
        _out[0].ShouldBe((byte)4);
        buffer.Underruns.ShouldBe(1);
    }

    [Fact]
    public void Prefilling_at_the_start_is_not_an_underrun()
    {
        var buffer = new JitterBuffer(_pool, FrameBytes);

        Pop(buffer).ShouldBeFalse();
        Pop(buffer).ShouldBeFalse();

        buffer.Underruns.ShouldBe(0);
    }

    [Fact]
    public void A_full_buffer_drops_the_oldest_frame()
    {
        var buffer = new JitterBuffer(_pool, FrameBytes, targetFrames: 3, maxFrames: 10);

        for (var i = 1; i <= 12; i++)
        {
            buffer.Push(Frame(i));
        }

        buffer.Depth.ShouldBe(10);
        buffer.Dropped.ShouldBe(2);
        Pop(buffer).ShouldBeTrue();
        _out[0].ShouldBe((byte)3);
    }

    [Fact]
    public void A_buffer_that_stays_deeper_than_its_target_sheds_one_frame_a_second()
    {
        var buffer = Prefilled(out var next);
        buffer.Push(Frame(next++));
        buffer.Push(Frame(next++));
        var played = new List<byte>();

        for (var tick = 0; tick < 100; tick++)
        {
            buffer.Push(Frame(next++));
            Pop(buffer).ShouldBeTrue();
            played.Add(_out[0]);
        }

        buffer.Trimmed.ShouldBe(2);
        buffer.Depth.ShouldBe(2);
        buffer.Dropped.ShouldBe(0);
        played.Distinct().Count().ShouldBe(100);
        played.ShouldBeInOrder();
    }

    [Fact]
    public void A_buffer_at_its_steady_depth_is_never_trimmed()
    {
        var buffer = Prefilled(out var next);

        for (var tick = 0; tick < 500; tick++)
        {
            buffer.Push(Frame(next++ % 250));
            Pop(buffer).ShouldBeTrue();
        }

        buffer.Trimmed.ShouldBe(0);
    }

    [Fact]
    public void Drain_returns_everything_in_arrival_order_and_empties_the_buffer()
    {
        var buffer = new JitterBuffer(_pool, FrameBytes, targetFrames: 3, maxFrames: 5);
        for (var i = 1; i <= 7; i++)
        {
            buffer.Push(Frame(i));
        }

        Pop(buffer).ShouldBeTrue();
        buffer.Push(Frame(8));
        var destination = new byte[FrameBytes * 5];

        var bytes = buffer.Drain(destination);

        bytes.ShouldBe(FrameBytes * 5);
        Signals.Frames(destination, FrameBytes).Select(f => f[0]).ShouldBe(new byte[] { 4, 5, 6, 7, 8 });
        buffer.Depth.ShouldBe(0);
        buffer.Drain(destination).ShouldBe(0);
    }

    [Fact]
    public void Clear_empties_the_buffer_and_prefills_again()
    {
        var buffer = Prefilled(out var next);

        buffer.Clear();
        buffer.Push(Frame(next));

        buffer.Depth.ShouldBe(1);
        Pop(buffer).ShouldBeFalse();
        buffer.Underruns.ShouldBe(0);
    }

    [Fact]
    public void A_burst_up_to_the_maximum_keeps_every_frame_in_arrival_order()
    {
        var buffer = Prefilled(out var next);
        for (var tick = 0; tick < 5; tick++)
        {
            buffer.Push(Frame(next++));
            Pop(buffer).ShouldBeTrue();
        }

        var burst = new List<byte>();
        for (var i = 0; i < 8; i++)
        {
            burst.Add((byte)next);
            buffer.Push(Frame(next++));
        }

        buffer.Depth.ShouldBe(10);
        var played = new List<byte>();
        while (buffer.Depth > 0 && Pop(buffer))
        {
            played.Add(_out[0]);
        }

        played.Skip(2).ShouldBe(burst);
        buffer.Dropped.ShouldBe(0);
    }

    [Fact]
    public void A_frame_of_the_wrong_size_is_refused()
    {
        var buffer = new JitterBuffer(_pool, FrameBytes);

        Should.Throw<ArgumentException>(() => buffer.Push(new byte[FrameBytes - 2]));
    }

    [Fact]
    public void Every_frame_pushed_goes_back_to_the_pool_dropped_trimmed_cleared_or_popped()
    {
        var buffer = new JitterBuffer(_pool, FrameBytes, targetFrames: 3, maxFrames: 5);
        for (var i = 1; i <= 8; i++)
        {
            buffer.Push(Frame(i));
        }

        for (var tick = 0; tick < 60; tick++)
        {
            buffer.Push(Frame(tick));
            Pop(buffer).ShouldBeTrue();
        }

        buffer.Clear();

        buffer.Dropped.ShouldBeGreaterThan(0);
        buffer.Trimmed.ShouldBeGreaterThan(0);
        _pool.Returned.ShouldBe(8 + 60);
    }

    /// <summary>Pops one frame into <c>_out</c> and gives its buffer back, as the session's pacer does.</summary>
    private bool Pop(JitterBuffer buffer)
    {
        if (!buffer.TryPop(out var frame))
        {
            return false;
        }

        frame.AsSpan(0, FrameBytes).CopyTo(_out);
        _pool.Return(frame);
        return true;
    }

    private static byte[] Frame(int number)
    {
        var frame = new byte[FrameBytes];
        frame.AsSpan().Fill((byte)number);
        return frame;
    }

    /// <summary>A buffer that has started playout: three frames pushed, then none popped yet.</summary>
    private JitterBuffer Prefilled(out int next)
    {
        var buffer = new JitterBuffer(_pool, FrameBytes);
        buffer.Push(Frame(1));
        buffer.Push(Frame(2));
        buffer.Push(Frame(3));
        Pop(buffer).ShouldBeTrue();
        next = 4;
        return buffer;
    }

    private sealed class CountingFramePool : IFrameBufferPool
    {
        public int Returned { get; private set; }

        public byte[] Rent(int frameBytes) => new byte[frameBytes];

        public void Return(byte[] buffer) => Returned++;
    }
}
