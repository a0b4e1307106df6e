using Invorto.Application.Agents.Configuration;
using Invorto.Application.Conversations.Providers;

namespace Invorto.Infrastructure.Conversations.Selection;

/// <summary>A voice in a failover chain speaks with its own voice settings, not the agent's primary voice.</summary>
internal sealed class SynthesizerWithVoice(ISpeechSynthesizer inner, VoiceSettings voice) : ISpeechSynthesizer
{
    public IAsyncEnumerable<ReadOnlyMemory<byte>> SynthesizeAsync(SpeechRequest request, CancellationToken cancellationToken) =>
        inner.SynthesizeAsync(request with { Voice = voice }, cancellationToken);
}
