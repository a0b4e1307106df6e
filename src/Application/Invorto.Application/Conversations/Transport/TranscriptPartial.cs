namespace Invorto.Application.Conversations.Transport;

/// <summary>A partial hypothesis of the caller's words (<c>stt.partial</c>).</summary>
public sealed record TranscriptPartial(string Text, double Ts) : ConversationEvent;
