using System.Runtime.CompilerServices;
using Invorto.Application.Conversations.Providers;
using Invorto.Application.Conversations.Usage;

namespace Invorto.Infrastructure.Conversations.Resilience;

/// <summary>
/// The agent's language model, then its failover chain (see <see cref="FailoverStream"/>). The tokens of each request
/// are counted for the model that answered it: as the server reported them, else estimated from the characters.
/// </summary>
public sealed class FailoverLanguageModel(
    IReadOnlyList<ProviderCandidate<ILanguageModel>> chain,
    ProviderCircuits circuits,
    IProviderFailoverObserver observer,
    ProviderUsageMeter? usage = null) : ILanguageModel
{
    public IAsyncEnumerable<LanguageModelChunk> StreamAsync(LanguageModelRequest request, CancellationToken cancellationToken) =>
        usage is null
            ? FailoverStream.RunAsync(chain, (model, token) => model.StreamAsync(request, token), circuits, observer, cancellationToken)
            : MeteredAsync(request, usage, cancellationToken);

    private async IAsyncEnumerable<LanguageModelChunk> MeteredAsync(LanguageModelRequest request, ProviderUsageMeter meter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? servedBy = null;
        TokenUsage? reported = null;
        var replyCharacters = 0;
        try
        {
            await foreach (var chunk in FailoverStream.RunAsync(chain, (model, token) => model.StreamAsync(request, token), circuits, observer, cancellationToken, provider => servedBy = provider).ConfigureAwait(false))
            {
                reported = chunk.Usage ?? reported;
                replyCharacters += (chunk.Text?.Length ?? 0) + (chunk.ToolCall?.ArgumentsJson.Length ?? 0);
                yield return chunk;
            }
        }
        finally
        {
            if (servedBy is not null)
            {
                meter.Generated(servedBy, reported, PromptCharacters(request), replyCharacters);
            }
        }
    }

    private static int PromptCharacters(LanguageModelRequest request) =>
        request.SystemPrompt.Length
        + request.Messages.Sum(message => message.Content.Length)
        + request.Tools.Sum(tool => tool.Name.Length + (tool.Description?.Length ?? 0) + (tool.InputSchema?.GetRawText().Length ?? 0));
}
