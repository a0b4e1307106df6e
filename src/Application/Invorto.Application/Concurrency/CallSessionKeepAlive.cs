using Invorto.Application.Abstractions;
using Invorto.Application.Conversations;
using Invorto.Domain.Concurrency;

namespace Invorto.Application.Concurrency;

/// <summary>
/// Keeps a live call alive while its media session runs (spec §7): renews the concurrency slot (<see cref="SlotRenewal"/>)
/// and writes the session heartbeat when the session opens and after every renewal; disposing stops both and removes
/// the heartbeat. A heartbeat that cannot be written is counted, never thrown: the slot renewal is what fails closed.
/// Start one through <see cref="CallSessionKeepAliveFactory"/>.
/// </summary>
public sealed class CallSessionKeepAlive : IAsyncDisposable
{
    private readonly ISessionHeartbeat _heartbeat;
    private readonly SessionBeat _beat;
    private readonly TimeProvider _clock;
    private SlotRenewal? _renewal;
    private long _beats;
    private long _failedBeats;
    private int _disposed;

    private CallSessionKeepAlive(ISessionHeartbeat heartbeat, SessionBeat beat, TimeProvider clock)
    {
        _heartbeat = heartbeat;
        _beat = beat;
        _clock = clock;
    }

    public Guid CallId => _beat.CallId;

    /// <summary>Slot renewals the store confirmed.</summary>
    public long Renewals => _renewal?.Renewals ?? 0;

    /// <summary>Slot renewals that found the slot gone or could not reach the store.</summary>
    public long MissedRenewals => _renewal?.Missed ?? 0;

    /// <summary>Heartbeats written, the opening one included.</summary>
    public long Beats => Interlocked.Read(ref _beats);

    /// <summary>Heartbeats the store refused.</summary>
    public long FailedBeats => Interlocked.Read(ref _failedBeats);

    internal static async Task<CallSessionKeepAlive> StartAsync(
        IConcurrencyLimiter limiter,
        ConcurrencyPolicy policy,
        ISessionHeartbeat heartbeat,
        SessionBeat beat,
        Guid? campaignId,
        int? tenantLimit,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var keepAlive = new CallSessionKeepAlive(heartbeat, beat, clock);
        await keepAlive.BeatAsync(cancellationToken);
        keepAlive._renewal = SlotRenewal.Start(limiter, policy, beat.CallId, beat.TenantId, campaignId, tenantLimit, clock, keepAlive.BeatAsync);
        return keepAlive;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        if (_renewal is not null)
        {
            await _renewal.DisposeAsync();
        }

        try
        {
            await _heartbeat.EndAsync(_beat.CallId, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The record lapses by its TTL; ending a session must not fail because the store is down.
            Interlocked.Increment(ref _failedBeats);
        }
    }

    private async Task BeatAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _heartbeat.BeatAsync(_beat with { At = _clock.GetUtcNow() }, cancellationToken);
            Interlocked.Increment(ref _beats);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A heartbeat store that throws despite its contract must not stop the slot renewal loop.
            Interlocked.Increment(ref _failedBeats);
        }
    }
}
