namespace Invorto.Application.Agents.Configuration;

/// <summary>The recognizer a call fails over to when the agent's own fails; null fields take that provider's defaults.</summary>
public sealed record AsrFallback
{
    public string Provider { get; init; } = "pocketsphinx";

    public string? Model { get; init; }

    public string? BaseUrl { get; init; }
}
