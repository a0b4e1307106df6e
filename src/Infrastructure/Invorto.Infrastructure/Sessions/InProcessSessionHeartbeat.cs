using System.Collections.Concurrent;
using Invorto.Application.Conversations;

namespace Invorto.Infrastructure.Sessions;

/// <summary>
/// The embedded mode's session records (spec §11): <see cref="RedisSessionHeartbeat"/>'s semantics in memory, expiring
/// <see cref="RedisSessionHeartbeat.Ttl"/> after the last beat by <see cref="TimeProvider"/>. One instance is shared by the
/// services of the process through <see cref="EmbeddedServices"/>.
/// </summary>
public sealed class InProcessSessionHeartbeat(TimeProvider clock) : ISessionHeartbeat
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<Guid, (SessionBeat Beat, DateTimeOffset ExpiresAt)> _beats = new();
    private long _nextSweepMs;

    public int Count => _beats.Count;

    public Task BeatAsync(SessionBeat beat, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = clock.GetUtcNow();
        _beats[beat.CallId] = (beat, now + RedisSessionHeartbeat.Ttl);
        ForgetExpired(now);
        return Task.CompletedTask;
    }

    public Task EndAsync(Guid callId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _beats.TryRemove(callId, out _);
        return Task.CompletedTask;
    }

    public Task<SessionBeat?> FindAsync(Guid callId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_beats.TryGetValue(callId, out var record) && record.ExpiresAt > clock.GetUtcNow() ? record.Beat : null);
    }

    // Sessions that crashed never call EndAsync; their records go the way a Redis TTL would take them.
    private void ForgetExpired(DateTimeOffset now)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        var due = Interlocked.Read(ref _nextSweepMs);
        if (nowMs < due || Interlocked.CompareExchange(ref _nextSweepMs, nowMs + (long)SweepInterval.TotalMilliseconds, due) != due)
        {
            return;
        }

        foreach (var (callId, record) in _beats)
        {
            if (record.ExpiresAt <= now)
            {
                _beats.TryRemove(new KeyValuePair<Guid, (SessionBeat, DateTimeOffset)>(callId, record));
            }
        }
    }
}
