namespace Invorto.Application.Audio;

/// <summary>
/// Inbound playout buffer for fixed-size frames arriving over TCP (in order, no sequence numbers, but in bursts
/// after network or scheduling stalls). Playout starts once <c>targetFrames</c> are queued, which absorbs a stall
/// of that many frames; after an underrun it prefills again. A full buffer drops its oldest frame, so latency
/// never exceeds <c>maxFrames</c>; a buffer that stays deeper than its target for a second (frames that piled up
/// while the playout clock stalled) sheds one frame, so a stall does not add latency for the rest of the call.
/// </summary>
public sealed class JitterBuffer
{
    private readonly int _frameBytes;
    private readonly int _targetFrames;
    private readonly int _maxFrames;
    private const int TrimAfterPops = 50;

    private readonly byte[] _frames;
    private int _head;
    private bool _playing;
    private int _deepPops;

    public JitterBuffer(int frameBytes, int targetFrames = 3, int maxFrames = 10)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetFrames);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFrames, targetFrames);
        _frameBytes = frameBytes;
        _targetFrames = targetFrames;
        _maxFrames = maxFrames;
        _frames = new byte[frameBytes * maxFrames];
    }

    public int Depth { get; private set; }

    public long Underruns { get; private set; }

    public long Dropped { get; private set; }

    /// <summary>Frames discarded because the buffer stayed deeper than its target for <c>50</c> pops in a row.</summary>
    public long Trimmed { get; private set; }

    public void Push(ReadOnlySpan<byte> frame)
    {
        if (frame.Length != _frameBytes)
        {
            throw new ArgumentException($"A frame is {_frameBytes} bytes; got {frame.Length}.", nameof(frame));
        }

        if (Depth == _maxFrames)
        {
            _head = Next(_head);
            Depth--;
            Dropped++;
        }

        var tail = (_head + Depth) % _maxFrames;
        frame.CopyTo(Slot(tail));
        Depth++;
    }

    /// <summary>Takes one frame for this playout tick; false while prefilling (at the start or after an underrun).</summary>
    public bool TryPop(Span<byte> frame)
    {
        if (frame.Length < _frameBytes)
        {
            throw new ArgumentException($"The destination holds {frame.Length} bytes; a frame is {_frameBytes}.", nameof(frame));
        }

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

        Slot(_head).CopyTo(frame);
        _head = Next(_head);
        Depth--;
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
            Slot((_head + i) % _maxFrames).CopyTo(destination[(i * _frameBytes)..]);
        }

        Clear();
        return bytes;
    }

    /// <summary>Empties the buffer and starts prefilling again; the counters are kept.</summary>
    public void Clear()
    {
        _head = 0;
        Depth = 0;
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
        _head = Next(_head);
        Depth--;
        Trimmed++;
    }

    private int Next(int index) => index + 1 == _maxFrames ? 0 : index + 1;

    private Span<byte> Slot(int index) => _frames.AsSpan(index * _frameBytes, _frameBytes);
}
