namespace Invorto.Application.Audio;

/// <summary>
/// Inbound playout buffer for fixed-size frames arriving over TCP (in order, no sequence numbers, but in bursts
/// after network or scheduling stalls). Playout starts once <c>targetFrames</c> are queued, which absorbs a stall
/// of that many frames; after an underrun it prefills again. A full buffer drops its oldest frame, so latency
/// never exceeds <c>maxFrames</c>; a buffer that stays deeper than its target for a second (frames that piled up
/// while the playout clock stalled) sheds one frame, so a stall does not add latency for the rest of the call.
/// Frames are pooled buffers: <see cref="Push"/> takes one over, <see cref="TryPop"/> hands one on, and frames the
/// buffer drops go back to the pool, so a call holds only the frames it has queued.
/// </summary>
public sealed class JitterBuffer
{
    private const int TrimAfterPops = 50;

    private readonly IFrameBufferPool _pool;
    private readonly int _frameBytes;
    private readonly int _targetFrames;
    private readonly byte[]?[] _frames;
    private int _head;
    private bool _playing;
    private int _deepPops;

    public JitterBuffer(IFrameBufferPool pool, int frameBytes, int targetFrames = 3, int maxFrames = 10)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetFrames);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrames, targetFrames);
        _pool = pool;
        _frameBytes = frameBytes;
        _targetFrames = targetFrames;
        _frames = new byte[maxFrames][];
    }

    public int Depth { get; private set; }

    public long Underruns { get; private set; }

    public long Dropped { get; private set; }

    /// <summary>Frames discarded because the buffer stayed deeper than its target for <c>50</c> pops in a row.</summary>
    public long Trimmed { get; private set; }

    /// <summary>Queues <paramref name="frame"/> (a buffer of the pool, its first frame's worth of bytes); the buffer now belongs to this one.</summary>
    public void Push(byte[] frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (frame.Length < _frameBytes)
        {
            throw new ArgumentException($"A frame is {_frameBytes} bytes; got {frame.Length}.", nameof(frame));
        }

        if (Depth == _frames.Length)
        {
            DropHead();
            Dropped++;
        }

        _frames[(_head + Depth) % _frames.Length] = frame;
        Depth++;
    }

    /// <summary>
    /// Takes one frame for this playout tick (the caller returns it to the pool when done); false while prefilling
    /// (at the start or after an underrun).
    /// </summary>
    public bool TryPop([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out byte[]? frame)
    {
        frame = null;
        if (!_playing)
        {
            if (Depth < _targetFrames)
            {
                return false;
            }

            _playing = true;
        }

        if (Depth == 0)
        {
            Underruns++;
            _playing = false;
            return false;
        }

        frame = TakeHead();
        TrimIfPersistentlyDeep();
        return true;
    }

    /// <summary>Copies out every buffered frame in arrival order (end of call) and empties the buffer.</summary>
    public int Drain(Span<byte> destination)
    {
        var bytes = Depth * _frameBytes;
        if (destination.Length < bytes)
        {
            throw new ArgumentException($"The destination holds {destination.Length} bytes; {bytes} are buffered.", nameof(destination));
        }

        for (var i = 0; i < Depth; i++)
        {
            _frames[(_head + i) % _frames.Length].AsSpan(0, _frameBytes).CopyTo(destination[(i * _frameBytes)..]);
        }

        Clear();
        return bytes;
    }

    /// <summary>Empties the buffer (its frames back to the pool) and starts prefilling again; the counters are kept.</summary>
    public void Clear()
    {
        while (Depth > 0)
        {
            DropHead();
        }

        _head = 0;
        _playing = false;
        _deepPops = 0;
    }

    private void TrimIfPersistentlyDeep()
    {
        if (Depth < _targetFrames)
        {
            _deepPops = 0;
            return;
        }

        if (++_deepPops < TrimAfterPops)
        {
            return;
        }

        _deepPops = 0;
        DropHead();
        Trimmed++;
    }

    private void DropHead() => _pool.Return(TakeHead());

    private byte[] TakeHead()
    {
        var frame = _frames[_head]!;
        _frames[_head] = null;
        _head = _head + 1 == _frames.Length ? 0 : _head + 1;
        Depth--;
        return frame;
    }
}
