using System.Threading.RateLimiting;
using Invorto.Application.Conversations;
using Invorto.Infrastructure.Configuration;
using Microsoft.Extensions.Options;

namespace Invorto.Realtime.Authentication;

/// <summary>
/// <c>REALTIME_CONNECTS_PER_SEC</c> (spec §11): new sessions per second per credential (the API key, the tenant of a
/// browser token, or the operations key), a token bucket in this process. A refused connect closes with 4429.
/// </summary>
public sealed class RealtimeConnectLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<RealtimeCredential> _limiter;

    public RealtimeConnectLimiter(IOptions<RealtimeOptions> options)
    {
        var perSecond = options.Value.ConnectsPerSecond;
        _limiter = PartitionedRateLimiter.Create<RealtimeCredential, string>(credential => RateLimitPartition.GetTokenBucketLimiter(
            PartitionOf(credential),
            _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = perSecond,
                TokensPerPeriod = perSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    public bool TryAcquire(RealtimeCredential credential)
    {
        using var lease = _limiter.AttemptAcquire(credential);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();

    private static string PartitionOf(RealtimeCredential credential) => credential.Kind switch
    {
        RealtimeCredentialKind.OperationsKey => "ops",
        RealtimeCredentialKind.Token => $"tenant:{credential.TenantId}",
        _ => $"key:{credential.KeyId}",
    };
}
