namespace Invorto.Application.Agents.Configuration;

/// <summary>When a caller's turn ends: provider invorto or off, and the wait after the last word.</summary>
public sealed record EndpointingSettings
{
    public string Provider { get; init; } = "invorto";

    public int SilenceMs { get; init; } = 220;

    public int MinWords { get; init; } = 2;

    public double ConfidenceThreshold { get; init; } = 0.65;

    /// <summary>An arithmetic expression in x (see <see cref="WaitFunction"/>); null waits <see cref="SilenceMs"/>.</summary>
    public string? WaitFunction { get; init; } = "200 + 8000 * x";
}
