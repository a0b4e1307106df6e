namespace Invorto.Application.Abstractions;

/// <summary>
/// Where call recordings and transcripts are kept, per tenant and call (spec §11 <c>ARTIFACTS_PATH</c> / <c>S3_BUCKET</c>).
/// Implementations never let a tenant id or call id name a place outside the store.
/// </summary>
public interface IArtifactStore
{
    /// <summary>The kinds of artifact stored for the call, in <see cref="ArtifactKind"/> order; empty when there are none.</summary>
    Task<IReadOnlyList<ArtifactKind>> ListAsync(Guid tenantId, Guid callId, CancellationToken cancellationToken);

    /// <summary>A readable stream of the artifact, owned by the caller; null when it is not stored.</summary>
    Task<Stream?> OpenReadAsync(Guid tenantId, Guid callId, ArtifactKind kind, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="content"/> as the call's artifact of that kind, replacing an earlier one whole (readers never see half a file).</summary>
    Task SaveAsync(Guid tenantId, Guid callId, ArtifactKind kind, Stream content, CancellationToken cancellationToken);

    /// <summary>Deletes every artifact of the call; returns the kinds that were stored.</summary>
    Task<IReadOnlyList<ArtifactKind>> DeleteAsync(Guid tenantId, Guid callId, CancellationToken cancellationToken);
}
