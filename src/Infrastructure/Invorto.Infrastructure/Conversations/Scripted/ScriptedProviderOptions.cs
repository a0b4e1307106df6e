using Microsoft.Extensions.Configuration;

namespace Invorto.Infrastructure.Conversations.Scripted;

/// <summary>
/// The scripted stand-ins for speech and language providers, selected only by <c>CONVERSATION_PROVIDERS=scripted</c>
/// (the capacity benchmark and the transport tests): latency to the first result, how fast words come, what the
/// "recognizer" hears and what the agent answers.
/// </summary>
public sealed class ScriptedProviderOptions
{
    [ConfigurationKeyName("SCRIPTED_ASR_LATENCY_MS")]
    public int RecognizerLatencyMs { get; set; }

    [ConfigurationKeyName("SCRIPTED_LLM_LATENCY_MS")]
    public int LanguageModelLatencyMs { get; set; }

    [ConfigurationKeyName("SCRIPTED_TTS_LATENCY_MS")]
    public int SynthesizerLatencyMs { get; set; }

    /// <summary>Voiced audio before the first word of a burst is recognised.</summary>
    [ConfigurationKeyName("SCRIPTED_ASR_FIRST_WORD_MS")]
    public int FirstWordMs { get; set; } = 100;

    /// <summary>Voiced audio per further word.</summary>
    [ConfigurationKeyName("SCRIPTED_ASR_WORD_MS")]
    public int WordMs { get; set; } = 180;

    /// <summary>Silence after a burst before its final result.</summary>
    [ConfigurationKeyName("SCRIPTED_ASR_FINAL_SILENCE_MS")]
    public int FinalSilenceMs { get; set; } = 100;

    /// <summary>What callers say, one utterance per speech burst, separated by <c>|</c>, used in turn.</summary>
    [ConfigurationKeyName("SCRIPTED_ASR_SCRIPT")]
    public string Script { get; set; } = "I would like to know about your pricing|Can you tell me more about the plans|What does the premium plan include|Thank you that helps";

    [ConfigurationKeyName("SCRIPTED_ASR_CONFIDENCE")]
    public double Confidence { get; set; } = 0.92;

    [ConfigurationKeyName("SCRIPTED_LLM_ANSWER")]
    public string Answer { get; set; } = "Sure, I can help with that. Our plans start at ninety nine rupees a month, and you can change or cancel them at any time.";

    /// <summary>Speech length per character of text (about 15 characters a second).</summary>
    [ConfigurationKeyName("SCRIPTED_TTS_MS_PER_CHAR")]
    public int MillisecondsPerCharacter { get; set; } = 65;

    public IReadOnlyList<string> Utterances() =>
        Script.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
