using Invorto.Application.Conversations.Providers;
using Invorto.Application.Conversations.Usage;

namespace Invorto.Infrastructure.Conversations.Resilience;

/// <summary>
/// The agent's voice, then its failover chain (see <see cref="FailoverStream"/>): a sentence whose synthesis fails before
/// its first audio is spoken by the next provider; one cut mid-sentence is not restarted. The sentence's characters are
/// counted for the voice that spoke it.
/// </summary>
public sealed class FailoverSpeechSynthesizer(
    IReadOnlyList<ProviderCandidate<ISpeechSynthesizer>> chain,
    ProviderCircuits circuits,
    IProviderFailoverObserver observer,
    ProviderUsageMeter? usage = null) : ISpeechSynthesizer
{
    public IAsyncEnumerable<ReadOnlyMemory<byte>> SynthesizeAsync(SpeechRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return FailoverStream.RunAsync(
            chain,
            (synthesizer, token) => synthesizer.SynthesizeAsync(request, token),
            circuits,
            observer,
            cancellationToken,
            usage is null ? null : provider => usage.Synthesized(provider, request.Text.Length));
    }
}
