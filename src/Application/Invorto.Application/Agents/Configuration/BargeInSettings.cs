namespace Invorto.Application.Agents.Configuration;

/// <summary>How much caller speech interrupts the agent while it talks.</summary>
public sealed record BargeInSettings
{
    public int MinWords { get; init; } = 2;

    public int MinSpeechMs { get; init; } = 300;
}
