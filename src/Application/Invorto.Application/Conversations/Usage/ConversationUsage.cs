namespace Invorto.Application.Conversations.Usage;

/// <summary>What a call's media session used of each provider, for its usage and costs.</summary>
public sealed record ConversationUsage(IReadOnlyList<RecognitionUse> Recognition, IReadOnlyList<SynthesisUse> Synthesis, IReadOnlyList<ModelUse> Models)
{
    public static ConversationUsage None { get; } = new([], [], []);
}
