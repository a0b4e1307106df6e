namespace Invorto.Application.Agents.Configuration;

/// <summary>
/// The language model a call fails over to when the agent's own fails before answering (for example a self-hosted
/// model behind <see cref="BaseUrl"/>); null fields take the primary's values.
/// </summary>
public sealed record LlmFallback
{
    public string Provider { get; init; } = "openai";

    public string? Model { get; init; }

    public string? BaseUrl { get; init; }
}
