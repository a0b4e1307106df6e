namespace Invorto.Application.Conversations.Transport;

/// <summary>Why a conversation ended, as the client protocol's <c>end</c> message names it.</summary>
public static class ConversationEndReasons
{
    public const string Hangup = "hangup";
    public const string Client = "client";
    public const string Silence = "silence";
    public const string MaxDuration = "max-duration";
    public const string Agent = "agent";
    public const string Error = "error";

    /// <summary>No speech or language provider was left to carry the call (the caller heard an apology when a voice was).</summary>
    public const string ProviderUnavailable = "provider_unavailable";
}
