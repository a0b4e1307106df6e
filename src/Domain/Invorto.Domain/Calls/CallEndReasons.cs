namespace Invorto.Domain.Calls;

/// <summary>
/// Why a call ended, as stored in <see cref="Call.EndReason"/> and shown by the API. A call ended by its media session
/// keeps the session's reason: those values are the client protocol's <c>end</c> reasons (<c>ConversationEndReasons</c>),
/// repeated here because the domain cannot see the conversation engine, and a test keeps the two lists in step.
/// A provider status callback other than completed keeps the carrier's own status word.
/// </summary>
public static class CallEndReasons
{
    /// <summary>The far end hung up, or the provider reported the call completed.</summary>
    public const string Hangup = "hangup";

    /// <summary>The web client closed its session.</summary>
    public const string Client = "client";

    /// <summary>The agent hung up after the caller stayed silent too long.</summary>
    public const string Silence = "silence";

    /// <summary>The agent hung up at the agent's maximum call duration.</summary>
    public const string MaxDuration = "max-duration";

    /// <summary>The agent ended the conversation (a goodbye).</summary>
    public const string Agent = "agent";

    /// <summary>The media session failed.</summary>
    public const string Error = "error";

    /// <summary>Hung up through the API before the provider had the call.</summary>
    public const string Canceled = "canceled";

    /// <summary>The telephony provider refused to place the call, or no speech or language provider was left to carry it.</summary>
    public const string ProviderUnavailable = "provider_unavailable";

    /// <summary>An inbound call turned away because its tenant or the platform was at its concurrency limit.</summary>
    public const string Concurrency = "concurrency";

    /// <summary>Reaped: a lost status callback or a silent media session (spec §7).</summary>
    public const string Stale = "stale";

    /// <summary>The tenant's daily spend cap was reached before the call could start.</summary>
    public const string SpendCap = "spend_cap";
}
