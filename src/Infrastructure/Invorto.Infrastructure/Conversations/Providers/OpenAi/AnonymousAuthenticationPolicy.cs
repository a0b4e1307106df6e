using System.ClientModel.Primitives;

namespace Invorto.Infrastructure.Conversations.Providers.OpenAi;

/// <summary>Sends requests without an <c>Authorization</c> header, for self-hosted servers that need no key.</summary>
internal sealed class AnonymousAuthenticationPolicy : AuthenticationPolicy
{
    public static AnonymousAuthenticationPolicy Instance { get; } = new();

    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex) =>
        ProcessNext(message, pipeline, currentIndex);

    public override ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex) =>
        ProcessNextAsync(message, pipeline, currentIndex);
}
