namespace Invorto.Application.Agents.Configuration;

/// <summary>
/// Speech recognition: provider deepgram, openai (any OpenAI-compatible <c>/v1/audio/transcriptions</c> endpoint at
/// <see cref="BaseUrl"/>, e.g. a self-hosted whisper server) or pocketsphinx (offline).
/// </summary>
public sealed record AsrSettings
{
    public string Provider { get; init; } = "deepgram";

    public string Model { get; init; } = "nova-3";

    public string Language { get; init; } = "en-IN";

    public string? BaseUrl { get; init; }

    /// <summary>Optional: the provider to fail over to (see <see cref="AsrFallback"/>).</summary>
    public AsrFallback? Fallback { get; init; }
}
