using Invorto.Application.Conversations.Providers;

namespace Invorto.Infrastructure.Conversations.Resilience;

/// <summary>
/// The agent's voice, then its failover chain (see <see cref="FailoverStream"/>): a sentence whose synthesis fails before
/// its first audio is spoken by the next provider; one cut mid-sentence is not restarted.
/// </summary>
public sealed class FailoverSpeechSynthesizer(IReadOnlyList<ProviderCandidate<ISpeechSynthesizer>> chain, ProviderCircuits circuits, IProviderFailoverObserver observer) : ISpeechSynthesizer
{
    public IAsyncEnumerable<ReadOnlyMemory<byte>> SynthesizeAsync(SpeechRequest request, CancellationToken cancellationToken) =>
        FailoverStream.RunAsync(chain, (synthesizer, token) => synthesizer.SynthesizeAsync(request, token), circuits, observer, cancellationToken);
}
