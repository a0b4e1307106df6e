namespace Invorto.Testing.Providers;

/// <summary>Which provider's route a <see cref="FakeSpeechServer"/> request came in on.</summary>
public enum FakeSpeechVendor
{
    /// <summary>Deepgram Aura, <c>POST /v1/speak</c>.</summary>
    Deepgram,

    /// <summary>ElevenLabs, <c>POST /v1/text-to-speech/{voiceId}/stream</c>.</summary>
    ElevenLabs,

    /// <summary>OpenAI-compatible, <c>POST /v1/audio/speech</c>.</summary>
    OpenAi,
}
