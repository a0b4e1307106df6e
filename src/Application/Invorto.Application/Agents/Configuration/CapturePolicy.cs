namespace Invorto.Application.Agents.Configuration;

/// <summary>What is kept of a call.</summary>
public sealed record CapturePolicy
{
    public RecordingPolicy Recording { get; init; } = new();
}
