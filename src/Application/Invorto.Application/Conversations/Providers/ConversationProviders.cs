namespace Invorto.Application.Conversations.Providers;

/// <summary>The three providers one conversation runs on.</summary>
public sealed record ConversationProviders(ISpeechRecognizer Recognizer, ILanguageModel LanguageModel, ISpeechSynthesizer Synthesizer);
