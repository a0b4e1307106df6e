using Invorto.Application.Agents.Configuration;

namespace Invorto.Application.Conversations;

/// <summary>What the operator may tune of the built-in <see cref="CanaryAgent"/>: its barge-in thresholds.</summary>
public sealed record CanarySettings(BargeInSettings BargeIn)
{
    public static CanarySettings Default { get; } = new(new BargeInSettings());

    public AgentConfig Config => CanaryAgent.Config with { BargeIn = BargeIn };
}
