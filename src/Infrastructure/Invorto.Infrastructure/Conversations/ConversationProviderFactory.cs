using Invorto.Application.Agents.Configuration;
using Invorto.Application.Conversations.Providers;
using Invorto.Infrastructure.Conversations.Fakes;

namespace Invorto.Infrastructure.Conversations;

/// <summary>
/// Resolves the providers an agent names. The cloud adapters (Deepgram, OpenAI, ElevenLabs) and the offline ones
/// (pocketsphinx, rules, espeak) are not built yet, so every agent runs on the deterministic fakes for now.
/// </summary>
public sealed class ConversationProviderFactory(FakeProviderOptions options, FakeProviderCounters counters) : IConversationProviderFactory
{
    private readonly ConversationProviders _fakes = new(
        new FakeSpeechRecognizer(options, counters),
        new FakeLanguageModel(options, counters),
        new FakeSpeechSynthesizer(options, counters));

    public ConversationProviders Resolve(AgentConfig config) => _fakes;
}
