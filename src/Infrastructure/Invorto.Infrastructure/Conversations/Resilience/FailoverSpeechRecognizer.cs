using Invorto.Application.Conversations.Providers;

namespace Invorto.Infrastructure.Conversations.Resilience;

/// <summary>The agent's recognizer, then its failover chain (see <see cref="FailoverRecognitionStream"/>).</summary>
public sealed class FailoverSpeechRecognizer(IReadOnlyList<ProviderCandidate<ISpeechRecognizer>> chain, ProviderCircuits circuits, IProviderFailoverObserver observer) : ISpeechRecognizer
{
    public IRecognitionStream Start(RecognitionOptions options) => new FailoverRecognitionStream(chain, options, circuits, observer);
}
