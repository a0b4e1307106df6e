using System.Text.Json;
using Invorto.Application.Conversations;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Invorto.Infrastructure.Sessions;

/// <summary>
/// Session heartbeats in Redis (spec §7, §10): <c>SET invorto:session:{callId} &lt;json&gt; EX 7200</c> on every beat,
/// <c>DEL</c> when the session ends, <c>GET</c> for the reaper. Beat and end swallow a Redis outage (logged); find does not.
/// </summary>
public sealed partial class RedisSessionHeartbeat : ISessionHeartbeat
{
    public const string DefaultKeyPrefix = "invorto:session:";
    public static readonly TimeSpan Ttl = TimeSpan.FromHours(2);

    private readonly IDatabase _redis;
    private readonly ILogger<RedisSessionHeartbeat> _logger;
    private readonly string _keyPrefix;

    /// <param name="keyPrefix">Prepended to the call id; tests use their own to share one Redis.</param>
    public RedisSessionHeartbeat(IConnectionMultiplexer redis, ILogger<RedisSessionHeartbeat> logger, string keyPrefix = DefaultKeyPrefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyPrefix);
        _redis = redis.GetDatabase();
        _logger = logger;
        _keyPrefix = keyPrefix;
    }

    public async Task BeatAsync(SessionBeat beat, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var json = JsonSerializer.Serialize(beat, SessionBeatJson.Default.SessionBeat);
        try
        {
            await _redis.StringSetAsync(KeyOf(beat.CallId), json, Ttl).WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (IsStoreFailure(ex))
        {
            LogUnavailable(_logger, "beat", beat.CallId, ex);
        }
    }

    public async Task EndAsync(Guid callId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            await _redis.KeyDeleteAsync(KeyOf(callId)).WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (IsStoreFailure(ex))
        {
            LogUnavailable(_logger, "end", callId, ex);
        }
    }

    public async Task<SessionBeat?> FindAsync(Guid callId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var json = await _redis.StringGetAsync(KeyOf(callId)).WaitAsync(cancellationToken);
        if (json.IsNullOrEmpty)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize((string)json!, SessionBeatJson.Default.SessionBeat);
        }
        catch (JsonException ex)
        {
            // A record nobody can read says nothing about the session: treated as missing.
            LogUnreadable(_logger, callId, ex);
            return null;
        }
    }

    /// <summary>How long the call's record has left, or null when there is none (for checks and diagnostics).</summary>
    public async Task<TimeSpan?> TimeToLiveAsync(Guid callId, CancellationToken cancellationToken) =>
        await _redis.KeyTimeToLiveAsync(KeyOf(callId)).WaitAsync(cancellationToken);

    private static bool IsStoreFailure(Exception ex) =>
        ex is RedisException or RedisTimeoutException;

    private RedisKey KeyOf(Guid callId) => _keyPrefix + callId.ToString("D");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Session store unavailable during {Operation} of call {CallId}; the slot renewal decides")]
    private static partial void LogUnavailable(ILogger logger, string operation, Guid callId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Unreadable session record of call {CallId}; treated as missing")]
    private static partial void LogUnreadable(ILogger logger, Guid callId, Exception exception);
}
