using Invorto.Application.Abstractions;
using Invorto.Domain.Calls;
using Invorto.Domain.Concurrency;
using Microsoft.Extensions.Logging;

namespace Invorto.Infrastructure.Concurrency;

/// <summary>Every ended call releases its slot (spec §2). Release is idempotent, so a repeat is harmless.</summary>
public sealed partial class ConcurrencySlotReleaser(IConcurrencyLimiter limiter, ConcurrencyPolicy policy, ILogger<ConcurrencySlotReleaser> logger) : IDomainEventHandler<CallEnded>
{
    public async Task HandleAsync(CallEnded domainEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);

        // Only the scopes' keys matter for a release: the tenant scope is always included (a no-op when it was not taken).
        var scopes = policy.ScopesFor(domainEvent.TenantId, domainEvent.CampaignId, tenantLimit: int.MaxValue);
        if (!await limiter.ReleaseAsync(SlotId.ForCall(domainEvent.CallId), scopes, cancellationToken))
        {
            LogReleaseDeferred(logger, domainEvent.CallId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not release the slot of call {CallId} now; it lapses by its TTL")]
    private static partial void LogReleaseDeferred(ILogger logger, Guid callId);
}
