namespace Invorto.Domain.Conversations.Turns;

/// <summary>Whether caller speech stops the agent.</summary>
public enum BargeInVerdict
{
    Ignore,
    Interrupt,
}
