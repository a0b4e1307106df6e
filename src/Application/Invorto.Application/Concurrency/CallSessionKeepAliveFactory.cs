using Invorto.Application.Abstractions;
using Invorto.Application.Conversations;
using Invorto.Domain.Concurrency;

namespace Invorto.Application.Concurrency;

/// <summary>Starts the <see cref="CallSessionKeepAlive"/> of a media session when it opens; one per process (singleton).</summary>
public sealed class CallSessionKeepAliveFactory(IConcurrencyLimiter limiter, ConcurrencyPolicy policy, ISessionHeartbeat heartbeat, TimeProvider clock)
{
    /// <summary>The name this process writes into its heartbeats: machine and process id.</summary>
    public string Host { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <param name="tenantLimit">The tenant's own cap, as passed when the slot was acquired: it decides whether the call holds a tenant-scope slot.</param>
    /// <param name="transport">The media transport of the session: <c>jambonz</c>, <c>twilio</c> or <c>web</c>.</param>
    public Task<CallSessionKeepAlive> StartAsync(Guid callId, Guid tenantId, Guid? campaignId, int? tenantLimit, string transport, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(transport);
        var beat = new SessionBeat(callId, tenantId, transport, Host, clock.GetUtcNow());
        return CallSessionKeepAlive.StartAsync(limiter, policy, heartbeat, beat, campaignId, tenantLimit, clock, cancellationToken);
    }
}
