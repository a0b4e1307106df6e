namespace Invorto.Application.Agents.Configuration;

/// <summary>The language model: provider openai (any compatible endpoint through <see cref="BaseUrl"/>) or rules (offline).</summary>
public sealed record LlmSettings
{
    public string Provider { get; init; } = "openai";

    public string Model { get; init; } = "gpt-4o-mini";

    public double Temperature { get; init; } = 0.6;

    public int MaxTokens { get; init; } = 256;

    public string? BaseUrl { get; init; }

    /// <summary>Optional: the provider to fail over to (see <see cref="LlmFallback"/>).</summary>
    public LlmFallback? Fallback { get; init; }
}
