namespace Invorto.Application.Conversations.Providers;

/// <summary>A chat model that streams its answer: text deltas and tool calls.</summary>
public interface ILanguageModel
{
    IAsyncEnumerable<LanguageModelChunk> StreamAsync(LanguageModelRequest request, CancellationToken cancellationToken);
}
