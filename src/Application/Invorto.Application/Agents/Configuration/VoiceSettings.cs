namespace Invorto.Application.Agents.Configuration;

/// <summary>
/// Text-to-speech: provider deepgram (Aura), elevenlabs, openai (any OpenAI-compatible <c>/v1/audio/speech</c> endpoint at
/// <see cref="BaseUrl"/>, e.g. a self-hosted Kokoro or Piper server) or espeak (offline).
/// </summary>
public sealed record VoiceSettings
{
    public string Provider { get; init; } = "deepgram";

    public string VoiceId { get; init; } = "aura-2-thalia-en";

    public double Rate { get; init; } = 1.0;

    public string? BaseUrl { get; init; }

    /// <summary>Optional: the provider to fail over to (see <see cref="VoiceFallback"/>).</summary>
    public VoiceFallback? Fallback { get; init; }
}
