using Invorto.Application.Conversations.Providers;

namespace Invorto.Infrastructure.Conversations.Resilience;

/// <summary>The agent's language model, then its failover chain (see <see cref="FailoverStream"/>).</summary>
public sealed class FailoverLanguageModel(IReadOnlyList<ProviderCandidate<ILanguageModel>> chain, ProviderCircuits circuits, IProviderFailoverObserver observer) : ILanguageModel
{
    public IAsyncEnumerable<LanguageModelChunk> StreamAsync(LanguageModelRequest request, CancellationToken cancellationToken) =>
        FailoverStream.RunAsync(chain, (model, token) => model.StreamAsync(request, token), circuits, observer, cancellationToken);
}
