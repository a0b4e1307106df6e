using System.Threading.RateLimiting;
using Invorto.Infrastructure.Redis;
using Microsoft.AspNetCore.Http;

namespace Invorto.Hosting.RateLimiting;

/// <summary>
/// The per-key fixed window of <see cref="ApiRateLimiting"/> with its counters in Redis, so the budget holds across Api
/// processes. The synchronous attempt never succeeds (it would block on Redis); the middleware then asks
/// <see cref="AcquireAsyncCore"/>, which counts. Decision: when Redis does not answer the request is let through
/// (fail-open, logged and counted by <see cref="RedisRequestCounter"/>): a rate limit protects the platform from
/// abuse, and refusing every request during a Redis blip would turn it into an outage. Call admission stays fail-closed.
/// </summary>
internal sealed class RedisApiRateLimiter(
    RedisRequestCounter counter,
    Func<HttpContext, string?> partitionOf,
    int permitLimit,
    TimeProvider clock) : PartitionedRateLimiter<HttpContext>
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => null;

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) =>
        partitionOf(resource) is null ? Lease.Granted : Lease.NotYet;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken)
    {
        if (partitionOf(resource) is not { } partition)
        {
            return Lease.Granted;
        }

        var now = clock.GetUtcNow();
        var windowMs = (long)Window.TotalMilliseconds;
        var window = now.ToUnixTimeMilliseconds() / windowMs;
        var count = await counter.IncrementAsync(partition, window, Window, cancellationToken);
        if (count is null || count <= permitLimit)
        {
            return Lease.Granted;
        }

        var retryAfter = TimeSpan.FromMilliseconds(((window + 1) * windowMs) - now.ToUnixTimeMilliseconds());
        return Lease.Refused(retryAfter);
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Granted = new(true, null);
        public static readonly Lease NotYet = new(false, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public static Lease Refused(TimeSpan retryAfter) => new(false, retryAfter);

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = wait;
                return true;
            }

            metadata = null;
            return false;
        }
    }
}
