using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Invorto.Infrastructure.Redis;

/// <summary>
/// Fixed-window request counters shared by every Api process (spec §10 <c>invorto:rl:{keyId}:{window}</c>): one Lua
/// script does <c>INCR</c> and, on the window's first request, <c>PEXPIRE</c>, so a counter never outlives its window
/// by much and never lives forever. Redis unreachable → null (the caller fails open), a warning log and
/// <c>invorto_rate_limit_store_failures_total</c>.
/// </summary>
public sealed partial class RedisRequestCounter
{
    public const string KeyPrefix = "invorto:rl:";
    public const string MeterName = "Invorto.RateLimiting";
    public const string StoreFailuresName = "invorto_rate_limit_store_failures_total";

    private const string IncrementScript = """
        local count = redis.call('INCR', KEYS[1])
        if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        return count
        """;

    private readonly IDatabase _redis;
    private readonly ILogger<RedisRequestCounter> _logger;
    private readonly Counter<long> _storeFailures;

    public RedisRequestCounter(IConnectionMultiplexer redis, ILogger<RedisRequestCounter> logger, IMeterFactory meterFactory)
    {
        _redis = redis.GetDatabase();
        _logger = logger;
        _storeFailures = meterFactory.Create(MeterName).CreateCounter<long>(
            StoreFailuresName, unit: "{request}", description: "Requests let through without a rate-limit check because Redis did not answer.");
    }

    /// <summary>The number of requests of <paramref name="partition"/> in window <paramref name="window"/>, this one included; null when Redis did not answer.</summary>
    public async Task<long?> IncrementAsync(string partition, long window, TimeSpan windowLength, CancellationToken cancellationToken)
    {
        RedisKey key = $"{KeyPrefix}{partition}:{window}";
        try
        {
            // The key lives one extra window, so clocks a little apart between processes still count in the same key.
            var ttl = (long)(windowLength.TotalMilliseconds * 2);
            var reply = await _redis.ScriptEvaluateAsync(IncrementScript, [key], [ttl]).WaitAsync(cancellationToken);
            return (long)reply;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException or ObjectDisposedException)
        {
            _storeFailures.Add(1);
            LogStoreUnavailable(exception, partition);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rate-limit store unavailable for {Partition}; the request is let through (fail-open)")]
    private partial void LogStoreUnavailable(Exception exception, string partition);
}
