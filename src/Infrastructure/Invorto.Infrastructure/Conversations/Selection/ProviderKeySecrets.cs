namespace Invorto.Infrastructure.Conversations.Selection;

/// <summary>
/// The tenant secrets (<c>PUT /v1/secrets/{name}</c>) that hold a tenant's own provider keys; when set, a tenant's
/// calls use its key instead of the platform's (<c>DEEPGRAM_API_KEY</c>, <c>OPENAI_API_KEY</c>, <c>ELEVENLABS_API_KEY</c>).
/// </summary>
public static class ProviderKeySecrets
{
    public const string Deepgram = "deepgram_api_key";
    public const string OpenAi = "openai_api_key";
    public const string ElevenLabs = "elevenlabs_api_key";

    public static string? For(string provider) => provider switch
    {
        ProviderNames.Deepgram => Deepgram,
        ProviderNames.OpenAi => OpenAi,
        ProviderNames.ElevenLabs => ElevenLabs,
        _ => null,
    };
}
