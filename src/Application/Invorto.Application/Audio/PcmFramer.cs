namespace Invorto.Application.Audio;

/// <summary>
/// Re-chunks audio arriving in arbitrary pieces (odd lengths too) into fixed-size frames. Whole frames are copied
/// straight from the input; only a remainder shorter than a frame is kept between writes, in one frame of storage
/// allocated the first time a remainder is left. A stream of frame-sized writes never allocates.
/// </summary>
public sealed class PcmFramer
{
    private byte[]? _remainder;

    public PcmFramer(int frameBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameBytes);
        if (frameBytes % Pcm16.BytesPerSample != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(frameBytes), frameBytes, "A PCM16 frame holds whole samples.");
        }

        FrameBytes = frameBytes;
    }

    public int FrameBytes { get; }

    /// <summary>Bytes of an unfinished frame kept from earlier input (always less than a frame).</summary>
    public int Buffered { get; private set; }

    /// <summary>
    /// Fills <paramref name="frame"/> with the next whole frame, taking what it needs from the front of
    /// <paramref name="input"/>; false (the input used up and kept as the remainder) when no whole frame is there yet.
    /// </summary>
    public bool TryRead(ref ReadOnlySpan<byte> input, Span<byte> frame)
    {
        EnsureFits(frame);
        if (Buffered == 0 && input.Length >= FrameBytes)
        {
            input[..FrameBytes].CopyTo(frame);
            input = input[FrameBytes..];
            return true;
        }

        if (input.IsEmpty)
        {
            return false;
        }

        _remainder ??= new byte[FrameBytes];
        var take = Math.Min(FrameBytes - Buffered, input.Length);
        input[..take].CopyTo(_remainder.AsSpan(Buffered));
        input = input[take..];
        Buffered += take;
        if (Buffered < FrameBytes)
        {
            return false;
        }

        _remainder.AsSpan(0, FrameBytes).CopyTo(frame);
        Buffered = 0;
        return true;
    }

    /// <summary>Copies out the kept remainder padded with silence; false when nothing is kept.</summary>
    public bool TryFlush(Span<byte> frame)
    {
        EnsureFits(frame);
        if (Buffered == 0)
        {
            return false;
        }

        _remainder.AsSpan(0, Buffered).CopyTo(frame);
        Pcm16.WriteSilence(frame[Buffered..FrameBytes]);
        Buffered = 0;
        return true;
    }

    public void Clear() => Buffered = 0;

    private void EnsureFits(Span<byte> frame)
    {
        if (frame.Length < FrameBytes)
        {
            throw new ArgumentException($"The destination holds {frame.Length} bytes; a frame is {FrameBytes}.", nameof(frame));
        }
    }
}
