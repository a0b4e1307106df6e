using Invorto.Application.Abstractions;
using Invorto.Application.Calls.Specifications;
using Invorto.Application.Common;
using Invorto.Domain.Calls;

namespace Invorto.Application.Calls.Artifacts.GetCallArtifacts;

/// <summary>Signed, expiring links to what the store holds for one call of the caller's tenant.</summary>
public sealed class GetCallArtifactsHandler(IReadRepository<Call> calls, IArtifactStore store, IArtifactLinks links, TimeProvider clock)
{
    /// <summary>How long a link works: long enough to start a download, short enough that a leaked link soon dies.</summary>
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromMinutes(15);

    public async Task<Result<CallArtifactsDto>> HandleAsync(GetCallArtifactsQuery query, CancellationToken cancellationToken)
    {
        if (!await calls.AnyAsync(new CallOfTenantSpec(query.TenantId, query.CallId), cancellationToken))
        {
            return Error.NotFound("The call");
        }

        // Whole seconds: the link carries the expiry as unix seconds and the response must say the same instant.
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(clock.GetUtcNow().Add(LinkLifetime).ToUnixTimeSeconds());
        var kinds = await store.ListAsync(query.TenantId, query.CallId, cancellationToken);
        Uri? Link(ArtifactKind kind) => kinds.Contains(kind) ? links.Create(query.CallId, kind, expiresAt) : null;
        return new CallArtifactsDto(Link(ArtifactKind.Recording), Link(ArtifactKind.Transcript), expiresAt);
    }
}
