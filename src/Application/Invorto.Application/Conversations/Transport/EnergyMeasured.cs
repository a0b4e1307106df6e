namespace Invorto.Application.Conversations.Transport;

/// <summary>The caller's audio level over the last window (<c>emotion.window</c>).</summary>
public sealed record EnergyMeasured(double EnergyDb, bool Speaking) : ConversationEvent;
