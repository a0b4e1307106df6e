namespace Invorto.Application.Conversations.Providers;

/// <summary>Why a speech or language provider failed; decides whether a failover or a retry may help.</summary>
public enum ProviderFailureKind
{
    /// <summary>The key was refused (401/403): another attempt with the same key will fail too.</summary>
    Unauthorized,

    /// <summary>The provider throttled the request (429).</summary>
    RateLimited,

    /// <summary>The provider could not be reached, answered 5xx, or dropped the connection.</summary>
    Unavailable,

    /// <summary>No first byte, or no progress, within the adapter's time budget.</summary>
    Timeout,

    /// <summary>The provider answered something this adapter cannot read (or refused the request as malformed, 4xx).</summary>
    Protocol,
}
