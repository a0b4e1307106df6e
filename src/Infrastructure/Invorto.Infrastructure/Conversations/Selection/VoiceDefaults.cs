namespace Invorto.Infrastructure.Conversations.Selection;

/// <summary>
/// A voice that fits the provider: the agent's voice id when it belongs to that provider, otherwise the provider's
/// default (an agent switched to ElevenLabs keeps the default Aura voice id, which ElevenLabs would refuse).
/// </summary>
public static class VoiceDefaults
{
    public const string Aura = "aura-2-thalia-en";
    public const string ElevenLabs = "21m00Tcm4TlvDq8ikWAM";
    public const string OpenAi = "alloy";

    public static string? For(string provider, string? voiceId)
    {
        var auraVoice = voiceId?.StartsWith("aura-", StringComparison.OrdinalIgnoreCase) == true;
        return provider switch
        {
            ProviderNames.Deepgram => auraVoice ? voiceId : Aura,
            ProviderNames.ElevenLabs => string.IsNullOrWhiteSpace(voiceId) || auraVoice ? ElevenLabs : voiceId,
            ProviderNames.OpenAi => string.IsNullOrWhiteSpace(voiceId) || auraVoice ? OpenAi : voiceId,
            _ => auraVoice ? null : voiceId,
        };
    }
}
