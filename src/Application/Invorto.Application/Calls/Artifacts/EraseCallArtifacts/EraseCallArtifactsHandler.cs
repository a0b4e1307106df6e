using System.Text.Json;
using Invorto.Application.Abstractions;
using Invorto.Application.Calls.Specifications;
using Invorto.Application.Common;
using Invorto.Domain.Calls;

namespace Invorto.Application.Calls.Artifacts.EraseCallArtifacts;

/// <summary>
/// Erases what a call left behind that carries the caller's voice and words — its recording and transcript — and keeps
/// its usage, costs and timeline facts. The timeline records <c>artifacts.erased</c>, and the post-call job does not
/// write a transcript for an erased call afterwards. A call still live is a conflict (its artifacts are not final).
/// </summary>
public sealed class EraseCallArtifactsHandler(IRepository<Call> calls, IArtifactStore store, TimeProvider clock)
{
    public const string ErasedEvent = "artifacts.erased";

    public async Task<Result<bool>> HandleAsync(EraseCallArtifactsCommand command, CancellationToken cancellationToken)
    {
        var call = await calls.SingleOrDefaultAsync(new CallOfTenantSpec(command.TenantId, command.CallId), cancellationToken);
        if (call is null)
        {
            return Error.NotFound("The call");
        }

        if (!call.Status.IsTerminal())
        {
            return Error.Conflict($"The call is still {call.Status.ToName()}; erase its artifacts once it has ended.");
        }

        var erased = await store.DeleteAsync(command.TenantId, command.CallId, cancellationToken);
        call.Record(clock.GetUtcNow(), ErasedEvent, JsonSerializer.Serialize(new { kinds = erased.Select(ArtifactKinds.NameOf) }));
        await calls.UpdateAsync(call, cancellationToken);
        return true;
    }
}
