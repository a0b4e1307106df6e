namespace Invorto.Application.Agents.Configuration;

/// <summary>When the agent hangs up by itself.</summary>
public sealed record EndCallSettings
{
    public int MaxDurationSec { get; init; } = 900;

    public int SilenceHangupSec { get; init; } = 60;

    public IReadOnlyList<string> Phrases { get; init; } = ["goodbye"];
}
