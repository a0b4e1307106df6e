namespace Invorto.Application.Conversations.Providers;

/// <summary>Streaming text-to-speech: PCM16 mono chunks of any size at the requested sample rate.</summary>
public interface ISpeechSynthesizer
{
    IAsyncEnumerable<ReadOnlyMemory<byte>> SynthesizeAsync(SpeechRequest request, CancellationToken cancellationToken);
}
