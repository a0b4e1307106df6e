namespace Invorto.Application.Abstractions;

/// <summary>
/// Download links for artifacts that expire: <c>{API_BASE_URL}/artifacts/{callId}/{kind}?exp=&lt;unix&gt;&amp;sig=&lt;hex&gt;</c>,
/// where <c>sig</c> is an HMAC-SHA256 over the call id, the kind and the expiry with a platform key every Api process shares.
/// </summary>
public interface IArtifactLinks
{
    /// <summary>The absolute link to the artifact, valid until <paramref name="expiresAt"/>.</summary>
    Uri Create(Guid callId, ArtifactKind kind, DateTimeOffset expiresAt);

    /// <summary>Whether <paramref name="signature"/> is the one <see cref="Create"/> made for these values (constant-time comparison; expiry is not checked here).</summary>
    bool Verify(Guid callId, ArtifactKind kind, long expiresAtUnixSeconds, string signature);
}
