namespace Invorto.Infrastructure.Conversations.Providers.Synthesis;

/// <summary>How a provider's audio bytes encode samples.</summary>
internal enum ProviderAudioEncoding
{
    /// <summary>16-bit signed little-endian mono samples.</summary>
    Pcm16,

    /// <summary>G.711 μ-law, one byte per sample.</summary>
    MuLaw,
}
