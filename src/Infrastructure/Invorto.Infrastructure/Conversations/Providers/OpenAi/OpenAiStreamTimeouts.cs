namespace Invorto.Infrastructure.Conversations.Providers.OpenAi;

/// <summary>
/// The time budget of one streamed completion: <see cref="FirstToken"/> until the first text or tool-call fragment,
/// then <see cref="Idle"/> between fragments. Either one running out fails the stream with
/// <see cref="Application.Conversations.Providers.ProviderFailureKind.Timeout"/>.
/// </summary>
public sealed record OpenAiStreamTimeouts(TimeSpan FirstToken, TimeSpan Idle)
{
    public static OpenAiStreamTimeouts Default { get; } = new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));
}
