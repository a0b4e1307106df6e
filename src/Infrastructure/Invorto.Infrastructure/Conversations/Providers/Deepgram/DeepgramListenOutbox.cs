using System.Buffers;
using System.Threading.Channels;

namespace Invorto.Infrastructure.Conversations.Providers.Deepgram;

/// <summary>
/// What waits to be sent on a listen socket, in order: caller audio in pooled buffers, bounded by bytes (beyond the
/// bound a frame is dropped and counted, never waited for), and JSON control messages, which always fit. Any thread
/// may add; one sender takes.
/// </summary>
internal sealed class DeepgramListenOutbox
{
    private readonly long _maxAudioBytes;
    private readonly Channel<DeepgramListenFrame> _frames = Channel.CreateUnbounded<DeepgramListenFrame>(new UnboundedChannelOptions { SingleReader = true });
    private long _queuedAudioBytes;
    private long _droppedAudioBytes;

    public DeepgramListenOutbox(long maxAudioBytes) => _maxAudioBytes = maxAudioBytes;

    public long QueuedAudioBytes => Interlocked.Read(ref _queuedAudioBytes);

    public long DroppedAudioBytes => Interlocked.Read(ref _droppedAudioBytes);

    /// <returns>False when the frame was dropped because the queue holds its maximum of audio.</returns>
    public bool TryAddAudio(ReadOnlySpan<byte> pcm16)
    {
        if (QueuedAudioBytes + pcm16.Length > _maxAudioBytes)
        {
            Interlocked.Add(ref _droppedAudioBytes, pcm16.Length);
            return false;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(pcm16.Length);
        pcm16.CopyTo(buffer);
        Interlocked.Add(ref _queuedAudioBytes, pcm16.Length);
        if (!_frames.Writer.TryWrite(new DeepgramListenFrame(buffer, pcm16.Length, default)))
        {
            Interlocked.Add(ref _queuedAudioBytes, -pcm16.Length);
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return true;
    }

    public void AddControl(ReadOnlyMemory<byte> json) => _frames.Writer.TryWrite(new DeepgramListenFrame(null, 0, json));

    /// <summary>Nothing more will be added; the sender sends what is queued and stops.</summary>
    public void Complete() => _frames.Writer.TryComplete();

    public ValueTask<bool> WaitToTakeAsync(CancellationToken cancellationToken) => _frames.Reader.WaitToReadAsync(cancellationToken);

    /// <summary>Takes the next frame; the taker returns an audio frame's buffer with <see cref="DeepgramListenFrame.Release"/>.</summary>
    public bool TryTake(out DeepgramListenFrame frame)
    {
        if (!_frames.Reader.TryRead(out frame))
        {
            return false;
        }

        Interlocked.Add(ref _queuedAudioBytes, -frame.Length);
        return true;
    }

    /// <summary>Completes the queue and returns every buffer still in it.</summary>
    public void DiscardAll()
    {
        Complete();
        while (TryTake(out var frame))
        {
            frame.Release();
        }
    }
}
