using Invorto.Application.Abstractions;
using Invorto.Domain.Concurrency;
using Invorto.Infrastructure.Concurrency;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Invorto.Infrastructure.Redis;

/// <summary>
/// Concurrency slots shared by every host through Redis sorted sets scored by expiry (spec §7):
/// <c>{prefix}global</c>, <c>{prefix}tenant:{tenantId}</c>, <c>{prefix}campaign:{campaignId}</c>.
/// Each operation is one Lua script, so acquire is all-or-none across scopes and atomic against every other host.
/// </summary>
public sealed partial class RedisConcurrencyLimiter : IConcurrencyLimiter
{
    public const string DefaultKeyPrefix = "invorto:sem:";

    private readonly IDatabase _redis;
    private readonly ConcurrencyPolicy _policy;
    private readonly ConcurrencyMetrics _metrics;
    private readonly ILogger<RedisConcurrencyLimiter> _logger;
    private readonly string _keyPrefix;

    /// <param name="keyPrefix">Prepended to each scope key; tests and benchmarks use their own to share one Redis.</param>
    public RedisConcurrencyLimiter(
        IConnectionMultiplexer redis,
        ConcurrencyPolicy policy,
        ConcurrencyMetrics metrics,
        ILogger<RedisConcurrencyLimiter> logger,
        string keyPrefix = DefaultKeyPrefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyPrefix);
        _redis = redis.GetDatabase();
        _policy = policy;
        _metrics = metrics;
        _logger = logger;
        _keyPrefix = keyPrefix;
    }

    public async Task<ConcurrencyAdmission> AcquireAsync(ConcurrencyRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var scopes = _policy.ScopesFor(request.TenantId, request.CampaignId, request.TenantLimit);
        var keys = KeysOf(scopes);
        var args = new RedisValue[scopes.Count + 2];
        args[0] = request.Slot.Value;
        args[1] = TtlMs();
        for (var i = 0; i < scopes.Count; i++)
        {
            args[i + 2] = scopes[i].Limit;
        }

        RedisResult[] reply;
        try
        {
            reply = (RedisResult[])(await _redis.ScriptEvaluateAsync(RedisConcurrencyScripts.Acquire, keys, args).WaitAsync(cancellationToken))!;
        }
        catch (Exception ex) when (IsStoreFailure(ex))
        {
            LogUnavailable(_logger, "acquire", request.Slot.Value, ex);
            ForgetPossiblyAcquired(request.Slot, keys);
            return ConcurrencyAdmission.Unavailable(request.Slot, scopes);
        }
        catch (OperationCanceledException)
        {
            ForgetPossiblyAcquired(request.Slot, keys);
            throw;
        }

        var fullIndex = (int)reply[0];
        if (fullIndex == 0)
        {
            return ConcurrencyAdmission.Admitted(request.Slot, scopes, DateTimeOffset.FromUnixTimeMilliseconds((long)reply[1]));
        }

        var full = scopes[fullIndex - 1];
        _metrics.RecordRejection(full);
        return ConcurrencyAdmission.Rejected(request.Slot, scopes, full);
    }

    public async Task<RenewalOutcome> RenewAsync(SlotId slot, IReadOnlyCollection<ConcurrencyScope> scopes, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var held = await _redis.ScriptEvaluateAsync(RedisConcurrencyScripts.Renew, KeysOf(scopes), [slot.Value, TtlMs()]).WaitAsync(cancellationToken);
            return (int)held == 1 ? RenewalOutcome.Renewed : RenewalOutcome.NotHeld;
        }
        catch (Exception ex) when (IsStoreFailure(ex))
        {
            LogUnavailable(_logger, "renew", slot.Value, ex);
            return RenewalOutcome.Unavailable;
        }
    }

    public async Task<bool> ReleaseAsync(SlotId slot, IReadOnlyCollection<ConcurrencyScope> scopes, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            await _redis.ScriptEvaluateAsync(RedisConcurrencyScripts.Release, KeysOf(scopes), [slot.Value]).WaitAsync(cancellationToken);
            return true;
        }
        catch (Exception ex) when (IsStoreFailure(ex))
        {
            LogUnavailable(_logger, "release", slot.Value, ex);
            return false;
        }
    }

    public async Task<int?> CountAsync(ConcurrencyScope scope, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            var count = await _redis.ScriptEvaluateAsync(RedisConcurrencyScripts.Count, [KeyOf(scope)]).WaitAsync(cancellationToken);
            return (int)count;
        }
        catch (Exception ex) when (IsStoreFailure(ex))
        {
            LogUnavailable(_logger, "count", scope.Key, ex);
            return null;
        }
    }

    // A server error is counted as an outage too (LOADING, READONLY after a failover, OOM, BUSY): the limiter
    // fails closed rather than guess. A script bug would also land here, so it is logged with the exception.
    private static bool IsStoreFailure(Exception ex) =>
        ex is RedisConnectionException or RedisTimeoutException or RedisServerException;

    // A timed-out or cancelled acquire may still have run on the server. The caller is told it holds nothing and
    // will not dial, so take the slot back rather than leave it to the TTL. Commands on one connection run in
    // order, so this cannot overtake a later acquire of the same slot.
    private void ForgetPossiblyAcquired(SlotId slot, RedisKey[] keys)
    {
        try
        {
            _ = _redis.ScriptEvaluateAsync(RedisConcurrencyScripts.Release, keys, [slot.Value], CommandFlags.FireAndForget);
        }
        catch (Exception ex) when (IsStoreFailure(ex))
        {
            LogUnavailable(_logger, "release after a failed acquire", slot.Value, ex);
        }
    }

    private long TtlMs() => (long)_policy.SlotTtl.TotalMilliseconds;

    private RedisKey KeyOf(ConcurrencyScope scope) => _keyPrefix + scope.Key;

    private RedisKey[] KeysOf(IReadOnlyCollection<ConcurrencyScope> scopes)
    {
        var keys = new RedisKey[scopes.Count];
        var i = 0;
        foreach (var scope in scopes)
        {
            keys[i++] = KeyOf(scope);
        }

        return keys;
    }
}
