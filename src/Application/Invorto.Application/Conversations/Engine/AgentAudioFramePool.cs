using System.Buffers;

namespace Invorto.Application.Conversations.Engine;

/// <summary>
/// The buffers of agent audio frames waiting for the pacer, shared by all sessions. A synthesizer runs ahead of playback,
/// so thousands of frames are out at once across sessions; the shared <see cref="ArrayPool{T}.Shared"/> keeps only a few
/// dozen per size and would allocate the rest anew every answer. This pool keeps up to
/// <see cref="ConversationOptions.FramePoolCapacity"/> frames, so a steady load allocates no audio buffers.
/// </summary>
public sealed class AgentAudioFramePool(ConversationOptions options)
{
    /// <summary>The largest frame: 20 ms of PCM16 at 16 kHz.</summary>
    public const int MaxFrameBytes = 640;

    private readonly ArrayPool<byte> _pool = ArrayPool<byte>.Create(MaxFrameBytes, Math.Max(1, options.FramePoolCapacity));

    public byte[] Rent(int frameBytes) => _pool.Rent(frameBytes);

    public void Return(byte[] buffer) => _pool.Return(buffer);
}
