namespace Invorto.Application.Agents.Configuration;

/// <summary>Text-to-speech: provider deepgram, elevenlabs or espeak (offline).</summary>
public sealed record VoiceSettings
{
    public string Provider { get; init; } = "deepgram";

    public string VoiceId { get; init; } = "aura-2-thalia-en";

    public double Rate { get; init; } = 1.0;
}
