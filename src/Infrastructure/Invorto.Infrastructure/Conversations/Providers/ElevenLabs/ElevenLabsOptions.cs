using Microsoft.Extensions.Configuration;

namespace Invorto.Infrastructure.Conversations.Providers.ElevenLabs;

/// <summary>The platform's ElevenLabs account (spec §11); without a key, agents that name ElevenLabs fall back to the offline voice.</summary>
public sealed class ElevenLabsOptions
{
    public const string DefaultBaseUrl = "https://api.elevenlabs.io";

    [ConfigurationKeyName("ELEVENLABS_API_KEY")]
    public string? ApiKey { get; set; }

    [ConfigurationKeyName("ELEVENLABS_BASE_URL")]
    public string BaseUrl { get; set; } = DefaultBaseUrl;

    [ConfigurationKeyName("ELEVENLABS_MODEL_ID")]
    public string ModelId { get; set; } = ElevenLabsEndpoint.DefaultModelId;

    [ConfigurationKeyName("ELEVENLABS_FIRST_BYTE_TIMEOUT_MS")]
    public int FirstByteTimeoutMs { get; set; } = 3000;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ApiKey);

    /// <summary>The endpoint these options describe; only call it when <see cref="IsConfigured"/>.</summary>
    public ElevenLabsEndpoint ToEndpoint()
    {
        if (!IsConfigured)
        {
            throw new InvalidOperationException("ELEVENLABS_API_KEY is not set.");
        }

        return new ElevenLabsEndpoint(new Uri(BaseUrl, UriKind.Absolute), ApiKey!)
        {
            ModelId = ModelId,
            Timeouts = Synthesis.SynthesisTimeouts.WithFirstByte(TimeSpan.FromMilliseconds(FirstByteTimeoutMs)),
        };
    }
}
