using Invorto.Application.Agents.Configuration;
using Invorto.Application.Conversations.Providers;

namespace Invorto.Infrastructure.Conversations.Selection;

/// <summary>A fallback model asked with its own settings (its model name) instead of the agent's primary ones.</summary>
internal sealed class LanguageModelWithSettings(ILanguageModel inner, LlmSettings settings) : ILanguageModel
{
    public IAsyncEnumerable<LanguageModelChunk> StreamAsync(LanguageModelRequest request, CancellationToken cancellationToken) =>
        inner.StreamAsync(request with { Settings = settings }, cancellationToken);
}
