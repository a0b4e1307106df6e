namespace Invorto.Application.Agents.Configuration;

/// <summary>Call recording: off unless the agent turns it on.</summary>
public sealed record RecordingPolicy
{
    public bool Enabled { get; init; }

    public bool Stereo { get; init; } = true;

    public int RetentionDays { get; init; } = 180;
}
