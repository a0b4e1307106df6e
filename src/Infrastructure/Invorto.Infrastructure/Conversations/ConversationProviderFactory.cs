using Invorto.Application.Agents.Configuration;
using Invorto.Application.Conversations.Providers;
using Invorto.Infrastructure.Conversations.Fakes;

namespace Invorto.Infrastructure.Conversations;

/// <summary>
/// Resolves the providers an agent names. The cloud adapters (Deepgram, OpenAI, ElevenLabs) and the offline ones
/// (pocketsphinx, rules, espeak) are not built yet, so every agent runs on the deterministic fakes for now, their
/// latencies on the host's clock (<see cref="TimeProvider.System"/> in production).
/// </summary>
public sealed class ConversationProviderFactory(FakeProviderOptions options, FakeProviderCounters counters, TimeProvider time) : IConversationProviderFactory
{
    private readonly ConversationProviders _fakes = new(
        new FakeSpeechRecognizer(options, counters, time: time),
        new FakeLanguageModel(options, counters, time: time),
        new FakeSpeechSynthesizer(options, counters, time));

    public ConversationProviders Resolve(AgentConfig config) => _fakes;
}
