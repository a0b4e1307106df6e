using Invorto.Application.Audio;

namespace Invorto.Application.Conversations.Engine;

/// <summary>
/// The agent frame being filled from synthesized audio, written straight into the pooled buffer the pacer will send,
/// so synthesized chunks of any size (odd lengths too) need no framing buffer of their own.
/// </summary>
internal struct FrameFill(OutboundAudio outbound)
{
    private byte[]? _buffer;
    private int _filled;

    /// <summary>Copies from the front of <paramref name="audio"/> into the frame; true when the frame is full (then <see cref="Take"/> it).</summary>
    public bool Fill(ref ReadOnlyMemory<byte> audio)
    {
        if (audio.IsEmpty)
        {
            return false;
        }

        _buffer ??= outbound.Rent();
        var take = Math.Min(outbound.FrameBytes - _filled, audio.Length);
        audio.Span[..take].CopyTo(_buffer.AsSpan(_filled));
        audio = audio[take..];
        _filled += take;
        return _filled == outbound.FrameBytes;
    }

    /// <summary>Completes a started frame with silence; false when no frame is started.</summary>
    public bool PadWithSilence()
    {
        if (_buffer is null || _filled == 0)
        {
            return false;
        }

        Pcm16.WriteSilence(_buffer.AsSpan(_filled, outbound.FrameBytes - _filled));
        _filled = outbound.FrameBytes;
        return true;
    }

    /// <summary>The full frame; the next <see cref="Fill"/> starts a new one.</summary>
    public byte[] Take()
    {
        var buffer = _buffer ?? throw new InvalidOperationException("No frame has been filled.");
        _buffer = null;
        _filled = 0;
        return buffer;
    }

    /// <summary>Returns an unfinished frame to the pool (the reply ended or was cut).</summary>
    public void Release()
    {
        if (_buffer is not null)
        {
            outbound.Return(_buffer);
            _buffer = null;
            _filled = 0;
        }
    }
}
