namespace Invorto.Application.Conversations.Transport;

/// <summary>The caller's turn as the engine ended it (<c>stt.final</c>).</summary>
public sealed record TranscriptFinal(string Text, double Ts, double Confidence) : ConversationEvent;
