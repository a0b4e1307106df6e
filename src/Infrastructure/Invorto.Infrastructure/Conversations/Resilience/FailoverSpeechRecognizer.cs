using Invorto.Application.Conversations.Providers;
using Invorto.Application.Conversations.Usage;

namespace Invorto.Infrastructure.Conversations.Resilience;

/// <summary>The agent's recognizer, then its failover chain (see <see cref="FailoverRecognitionStream"/>); audio is counted for the recognizer that heard it.</summary>
public sealed class FailoverSpeechRecognizer(
    IReadOnlyList<ProviderCandidate<ISpeechRecognizer>> chain,
    ProviderCircuits circuits,
    IProviderFailoverObserver observer,
    ProviderUsageMeter? usage = null) : ISpeechRecognizer
{
    public IRecognitionStream Start(RecognitionOptions options) => new FailoverRecognitionStream(chain, options, circuits, observer, usage);
}
