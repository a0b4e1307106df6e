namespace Invorto.Infrastructure.Conversations.Selection;

/// <summary>The provider names of the agent configuration (<c>voice.provider</c>, <c>asr.provider</c>, <c>llm.provider</c>).</summary>
public static class ProviderNames
{
    public const string Deepgram = "deepgram";
    public const string OpenAi = "openai";
    public const string ElevenLabs = "elevenlabs";
    public const string Espeak = "espeak";
    public const string PocketSphinx = "pocketsphinx";
    public const string Rules = "rules";
    public const string Scripted = "scripted";
}
