using Invorto.Application.Abstractions;
using Invorto.Application.Calls.Specifications;
using Invorto.Application.Common;
using Invorto.Domain.Calls;

namespace Invorto.Application.Calls.Artifacts.DownloadArtifact;

/// <summary>
/// Serves a signed link: a missing, altered or expired signature is 403 <c>forbidden</c>; an unknown kind, call or
/// artifact is 404. The tenant is the call's own, so a valid link never reaches another tenant's files.
/// </summary>
public sealed class DownloadArtifactHandler(IReadRepository<Call> calls, IArtifactStore store, IArtifactLinks links, TimeProvider clock)
{
    public async Task<Result<ArtifactContent>> HandleAsync(DownloadArtifactQuery query, CancellationToken cancellationToken)
    {
        if (!ArtifactKinds.TryParse(query.Kind, out var kind))
        {
            return Error.NotFound("The artifact");
        }

        if (!long.TryParse(query.Exp, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var exp) || string.IsNullOrEmpty(query.Sig) || !links.Verify(query.CallId, kind, exp, query.Sig))
        {
            return Error.Forbidden("The link's signature is missing or does not match.");
        }

        if (exp <= clock.GetUtcNow().ToUnixTimeSeconds())
        {
            return Error.Forbidden("The link has expired; ask GET /v1/calls/{id}/artifacts for a new one.");
        }

        var call = await calls.SingleOrDefaultAsync(new CallByIdSpec(query.CallId), cancellationToken);
        var content = call is null ? null : await store.OpenReadAsync(call.TenantId, call.Id, kind, cancellationToken);
        return content is null
            ? Error.NotFound("The artifact")
            : new ArtifactContent(content, ArtifactKinds.ContentTypeOf(kind), ArtifactKinds.FileNameOf(kind));
    }
}
