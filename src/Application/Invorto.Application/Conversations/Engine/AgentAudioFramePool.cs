using Invorto.Application.Audio;

namespace Invorto.Application.Conversations.Engine;

/// <summary>
/// The buffers of audio frames waiting for the pacer, shared by all sessions: agent frames queued for sending and the
/// caller's frames in the jitter buffer. A synthesizer runs ahead of playback,
/// so thousands of frames are out at once across sessions; <see cref="System.Buffers.ArrayPool{T}.Shared"/> keeps only a
/// few dozen per size and would allocate the rest anew every answer. This pool keeps up to
/// <see cref="ConversationOptions.FramePoolCapacity"/> frames, so a steady load allocates no audio buffers. New frames go
/// on the pinned object heap: a pooled frame lives for the process, and frames born in the young generation made every
/// gen0 collection copy megabytes of them while the load grew, a pause that stalls every session's audio.
/// </summary>
public sealed class AgentAudioFramePool(ConversationOptions options) : IFrameBufferPool
{
    /// <summary>The largest frame: 20 ms of PCM16 at 16 kHz.</summary>
    public const int MaxFrameBytes = 640;

    private readonly Lock _gate = new();
    private readonly byte[][] _free = new byte[Math.Max(1, options.FramePoolCapacity)][];
    private int _count;

    /// <summary>A buffer of <see cref="MaxFrameBytes"/> bytes; <paramref name="frameBytes"/> is how many the caller needs.</summary>
    public byte[] Rent(int frameBytes)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(frameBytes, MaxFrameBytes);
        lock (_gate)
        {
            if (_count > 0)
            {
                var buffer = _free[--_count];
                _free[_count] = null!;
                return buffer;
            }
        }

        return GC.AllocateUninitializedArray<byte>(MaxFrameBytes, pinned: true);
    }

    /// <summary>Takes a rented buffer back; when the pool is full the buffer is left to the collector.</summary>
    public void Return(byte[] buffer)
    {
        if (buffer.Length != MaxFrameBytes)
        {
            throw new ArgumentException($"Not a frame of this pool: {buffer.Length} bytes.", nameof(buffer));
        }

        lock (_gate)
        {
            if (_count < _free.Length)
            {
                _free[_count++] = buffer;
            }
        }
    }
}
