using System.Buffers;

namespace Invorto.Infrastructure.Conversations.Providers.Deepgram;

/// <summary>One message for the listen socket: audio in a pooled buffer (<see cref="Audio"/> set), or a JSON control message.</summary>
internal readonly record struct DeepgramListenFrame(byte[]? Audio, int Length, ReadOnlyMemory<byte> Json)
{
    public void Release()
    {
        if (Audio is not null)
        {
            ArrayPool<byte>.Shared.Return(Audio);
        }
    }
}
