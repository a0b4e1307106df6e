using Invorto.Application.Agents.Configuration;
using Invorto.Application.Conversations.Providers;

namespace Invorto.Infrastructure.Tests.Conversations.Providers;

/// <summary>What the conversation engine relies on from every <see cref="ILanguageModel"/>.</summary>
public abstract class LanguageModelContract
{
    /// <summary>A model that can answer <see cref="Question"/> with some text.</summary>
    protected abstract Task<ILanguageModel> CreateAsync();

    protected const string Question = "When are you open?";

    [Fact]
    public async Task A_user_message_is_answered_with_text()
    {
        var model = await CreateAsync();

        var chunks = await CollectAsync(model, Request(), CancellationToken.None);

        chunks.ShouldNotBeEmpty();
        chunks.ShouldAllBe(chunk => chunk.Text != null && chunk.Text.Length > 0 && chunk.ToolCall == null);
    }

    [Fact]
    public async Task A_cancelled_request_yields_nothing_and_throws_cancellation()
    {
        var model = await CreateAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var chunks = new List<LanguageModelChunk>();

        await Should.ThrowAsync<OperationCanceledException>(async () =>
        {
            await foreach (var chunk in model.StreamAsync(Request(), cancelled.Token))
            {
                chunks.Add(chunk);
            }
        });

        chunks.ShouldBeEmpty();
    }

    private static LanguageModelRequest Request() =>
        new(new LlmSettings(), "You are a receptionist.", [new ChatMessage(ChatRole.User, Question)], []);

    private static async Task<List<LanguageModelChunk>> CollectAsync(ILanguageModel model, LanguageModelRequest request, CancellationToken cancellationToken)
    {
        var chunks = new List<LanguageModelChunk>();
        await foreach (var chunk in model.StreamAsync(request, cancellationToken))
        {
            chunks.Add(chunk);
        }

        return chunks;
    }
}
