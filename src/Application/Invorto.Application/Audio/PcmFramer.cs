namespace Invorto.Application.Audio;

/// <summary>
/// Re-chunks audio arriving in arbitrary pieces (odd lengths too) into fixed-size frames. The buffer grows only
/// when a single write exceeds what it holds, so a steady stream allocates nothing.
/// </summary>
public sealed class PcmFramer
{
    private byte[] _buffer;
    private int _start;

    public PcmFramer(int frameBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameBytes);
        if (frameBytes % Pcm16.BytesPerSample != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(frameBytes), frameBytes, "A PCM16 frame holds whole samples.");
        }

        FrameBytes = frameBytes;
        _buffer = new byte[frameBytes * 4];
    }

    public int FrameBytes { get; }

    public int Buffered { get; private set; }

    public void Write(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        var needed = Buffered + data.Length;
        if (_start + needed > _buffer.Length)
        {
            if (needed > _buffer.Length)
            {
                var grown = new byte[Math.Max(_buffer.Length * 2, needed)];
                _buffer.AsSpan(_start, Buffered).CopyTo(grown);
                _buffer = grown;
            }
            else
            {
                _buffer.AsSpan(_start, Buffered).CopyTo(_buffer);
            }

            _start = 0;
        }

        data.CopyTo(_buffer.AsSpan(_start + Buffered));
        Buffered = needed;
    }

    public bool TryRead(Span<byte> frame)
    {
        EnsureFits(frame);
        if (Buffered < FrameBytes)
        {
            return false;
        }

        Take(frame, FrameBytes);
        return true;
    }

    /// <summary>Copies out the next frame, padding a last partial frame with silence; false when nothing is buffered.</summary>
    public bool TryFlush(Span<byte> frame)
    {
        EnsureFits(frame);
        if (Buffered == 0)
        {
            return false;
        }

        var count = Math.Min(Buffered, FrameBytes);
        Take(frame, count);
        Pcm16.WriteSilence(frame[count..FrameBytes]);
        return true;
    }

    public void Clear()
    {
        _start = 0;
        Buffered = 0;
    }

    private void Take(Span<byte> frame, int count)
    {
        _buffer.AsSpan(_start, count).CopyTo(frame);
        _start += count;
        Buffered -= count;
        if (Buffered == 0)
        {
            _start = 0;
        }
    }

    private void EnsureFits(Span<byte> frame)
    {
        if (frame.Length < FrameBytes)
        {
            throw new ArgumentException($"The destination holds {frame.Length} bytes; a frame is {FrameBytes}.", nameof(frame));
        }
    }
}
