namespace Invorto.Application.Conversations.Transport;

/// <summary>Something the engine tells the far end besides audio; each transport renders what its protocol has.</summary>
public abstract record ConversationEvent;
