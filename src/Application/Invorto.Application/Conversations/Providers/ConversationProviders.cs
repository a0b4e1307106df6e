using Invorto.Application.Conversations.Usage;

namespace Invorto.Application.Conversations.Providers;

/// <summary>The three providers one conversation runs on, and the meter of what each of them served (none for scripted ones).</summary>
public sealed record ConversationProviders(ISpeechRecognizer Recognizer, ILanguageModel LanguageModel, ISpeechSynthesizer Synthesizer, ProviderUsageMeter? Usage = null);
