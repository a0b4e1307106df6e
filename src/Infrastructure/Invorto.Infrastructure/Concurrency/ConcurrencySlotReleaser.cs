using Invorto.Application.Abstractions;
using Invorto.Application.Telephony;
using Invorto.Domain.Calls;
using Invorto.Domain.Concurrency;
using Microsoft.Extensions.Logging;

namespace Invorto.Infrastructure.Concurrency;

/// <summary>Every terminal transition releases the call's slot (spec §2). Release is idempotent, so a repeat is harmless.</summary>
public sealed partial class ConcurrencySlotReleaser(IConcurrencyLimiter limiter, ConcurrencyPolicy policy, ILogger<ConcurrencySlotReleaser> logger) : ICallLifecycleObserver
{
    public async Task CallEndedAsync(Call call, CancellationToken cancellationToken)
    {
        // Only the scopes' keys matter for a release: the tenant scope is always included (a no-op when it was not taken).
        var scopes = policy.ScopesFor(call.TenantId, call.CampaignId, tenantLimit: int.MaxValue);
        if (!await limiter.ReleaseAsync(SlotId.ForCall(call.Id), scopes, cancellationToken))
        {
            LogReleaseDeferred(logger, call.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release the slot of call {CallId} now; it lapses by its TTL")]
    private static partial void LogReleaseDeferred(ILogger logger, Guid callId);
}
