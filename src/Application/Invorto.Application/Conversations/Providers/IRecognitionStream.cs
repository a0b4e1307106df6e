using System.Threading.Channels;

namespace Invorto.Application.Conversations.Providers;

/// <summary>
/// One live recognition: <see cref="Write"/> takes PCM16 frames at the options' sample rate without blocking (a provider
/// buffers or drops what it cannot send, and counts it); partial and final hypotheses come out of <see cref="Results"/>,
/// which completes when the stream is disposed.
/// </summary>
public interface IRecognitionStream : IAsyncDisposable
{
    ChannelReader<RecognitionResult> Results { get; }

    void Write(ReadOnlySpan<byte> pcm16);
}
