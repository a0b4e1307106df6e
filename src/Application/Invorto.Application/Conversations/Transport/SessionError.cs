namespace Invorto.Application.Conversations.Transport;

/// <summary>A problem the session survives (<c>error</c>).</summary>
public sealed record SessionError(string Code, string Message) : ConversationEvent;
