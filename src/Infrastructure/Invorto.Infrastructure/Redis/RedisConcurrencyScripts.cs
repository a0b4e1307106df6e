namespace Invorto.Infrastructure.Redis;

/// <summary>
/// The Lua scripts of spec §7. KEYS are the call's scope keys; ARGV[1] is the slot id.
/// </summary>
/// <remarks>
/// Time comes from Redis' own <c>TIME</c>, read inside each script, rather than from the caller: every host
/// then judges acquire, renewal and expiry by one clock, so clock skew between hosts can neither shorten a
/// live call's slot nor stretch a dead one's. Redis 5+ replicates scripts by their effects, so a script that
/// reads <c>TIME</c> and then writes is allowed and replicas receive the concrete scores.
/// All keys of one call must live on one node (no Redis Cluster without a shared hash tag in the prefix).
/// Scores and key expiries are unix milliseconds; thirteen digits print exactly as Lua numbers.
/// </remarks>
internal static class RedisConcurrencyScripts
{
    /// <summary>
    /// ARGV[2] = TTL in ms, ARGV[2 + i] = limit of KEYS[i].
    /// Returns {0, expiry} when admitted, {i, now} when KEYS[i] is full (nothing written then).
    /// </summary>
    public const string Acquire = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local slot = ARGV[1]
        local expiry = now + tonumber(ARGV[2])
        for i = 1, #KEYS do
          redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now)
        end
        for i = 1, #KEYS do
          -- A slot this call already holds (a retried acquire whose answer was lost) does not count twice.
          if not redis.call('ZSCORE', KEYS[i], slot) and redis.call('ZCARD', KEYS[i]) >= tonumber(ARGV[i + 2]) then
            return {i, now}
          end
        end
        for i = 1, #KEYS do
          redis.call('ZADD', KEYS[i], expiry, slot)
          local last = redis.call('ZRANGE', KEYS[i], -1, -1, 'WITHSCORES')
          redis.call('PEXPIREAT', KEYS[i], last[2])
        end
        return {0, expiry}
        """;

    /// <summary>
    /// ARGV[2] = TTL in ms. Moves the slot's expiry to now + TTL where it is still held (ZADD XX never re-adds it).
    /// Returns 1 when it was held in every key, 0 otherwise.
    /// </summary>
    public const string Renew = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        local slot = ARGV[1]
        local expiry = now + tonumber(ARGV[2])
        local held = 1
        for i = 1, #KEYS do
          redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now)
          if redis.call('ZSCORE', KEYS[i], slot) then
            redis.call('ZADD', KEYS[i], 'XX', expiry, slot)
            local last = redis.call('ZRANGE', KEYS[i], -1, -1, 'WITHSCORES')
            redis.call('PEXPIREAT', KEYS[i], last[2])
          else
            held = 0
          end
        end
        return held
        """;

    /// <summary>Removes the slot from every key; returns how many keys held it. Idempotent.</summary>
    public const string Release = """
        local removed = 0
        for i = 1, #KEYS do
          removed = removed + redis.call('ZREM', KEYS[i], ARGV[1])
        end
        return removed
        """;

    /// <summary>Counts the slots of KEYS[1] that expire after now, by Redis' clock; writes nothing.</summary>
    public const string Count = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        return redis.call('ZCOUNT', KEYS[1], '(' .. now, '+inf')
        """;
}
