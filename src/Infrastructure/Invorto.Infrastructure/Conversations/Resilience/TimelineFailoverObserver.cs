using System.Text.Json;
using Invorto.Application.Conversations;
using Invorto.Application.Conversations.Providers;
using Microsoft.Extensions.Logging;

namespace Invorto.Infrastructure.Conversations.Resilience;

/// <summary>Records each failover of a call as a <c>provider.failover</c> timeline entry and a warning (never a key or a payload).</summary>
public sealed partial class TimelineFailoverObserver(ICallTimeline timeline, Guid callId, Guid tenantId, TimeProvider time, ILogger logger) : IProviderFailoverObserver
{
    public void FailedOver(string failed, string? next, Exception exception)
    {
        var kind = exception is ProviderException provider ? provider.Kind.ToString() : exception.GetType().Name;
        var status = (exception as ProviderException)?.StatusCode;
        timeline.Append(new TimelineEntry(callId, tenantId, TimelineKinds.ProviderFailover, time.GetUtcNow(),
            JsonSerializer.Serialize(new { from = failed, to = next, kind, status })));
        LogFailedOver(logger, callId, failed, next ?? "(none)", kind);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: provider {Failed} failed ({Kind}); next: {Next}")]
    private static partial void LogFailedOver(ILogger logger, Guid callId, string failed, string next, string kind);
}
