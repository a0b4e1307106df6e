using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Invorto.Application.Conversations;

namespace Invorto.Realtime;

/// <summary>
/// The live media sessions of this process, one per call (a second socket for the same call is refused), exported as
/// <c>invorto_active_sessions</c>. A watchdog closes sessions whose socket has been silent for the idle timeout, and a
/// session whose call ended elsewhere (<see cref="ICallEndedFeed"/>) is ended too.
/// </summary>
public sealed class RealtimeSessions : IDisposable
{
    public const string MeterName = "Invorto.Realtime";
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan WatchdogPeriod = TimeSpan.FromSeconds(5);
    private readonly ConcurrentDictionary<Guid, Session> _sessions = new();
    private readonly Counter<long> _audioBytes;
    private readonly ITimer _watchdog;
    private readonly IDisposable _callEnded;

    public RealtimeSessions(IMeterFactory meters, TimeProvider clock, ICallEndedFeed callEnded)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("invorto_active_sessions", () => _sessions.Count, description: "Media sessions open in this process.");
        _audioBytes = meter.CreateCounter<long>("invorto_inbound_audio_bytes", description: "Caller audio received.");
        _watchdog = clock.CreateTimer(_ => CloseIdle(), null, WatchdogPeriod, WatchdogPeriod);
        _callEnded = callEnded.Subscribe(callId => Find(callId)?.Stop?.Invoke());
    }

    public int Count => _sessions.Count;

    /// <summary>Registers the call's session; null when the call already has one in this process.</summary>
    public Session? TryOpen(Guid callId, string transport, int sampleRate, Func<long>? lastReceivedTicks = null, Action? stop = null)
    {
        var session = new Session(this, callId, transport, sampleRate, lastReceivedTicks, stop);
        return _sessions.TryAdd(callId, session) ? session : null;
    }

    public Session? Find(Guid callId) => _sessions.GetValueOrDefault(callId);

    public void Dispose()
    {
        _callEnded.Dispose();
        _watchdog.Dispose();
    }

    private void CloseIdle()
    {
        var limit = (long)IdleTimeout.TotalMilliseconds;
        var now = Environment.TickCount64;
        foreach (var session in _sessions.Values)
        {
            if (session.LastReceivedTicks is { } last && now - last() > limit)
            {
                session.Stop?.Invoke();
            }
        }
    }

    /// <summary>One call's media stream; disposing it ends the registration.</summary>
    public sealed class Session(RealtimeSessions owner, Guid callId, string transport, int sampleRate, Func<long>? lastReceivedTicks, Action? stop) : IDisposable
    {
        private long _audioBytes;

        public Guid CallId { get; } = callId;

        public string Transport { get; } = transport;

        public int SampleRate { get; } = sampleRate;

        public long AudioBytes => Interlocked.Read(ref _audioBytes);

        internal Func<long>? LastReceivedTicks { get; } = lastReceivedTicks;

        internal Action? Stop { get; } = stop;

        public void AudioReceived(int bytes)
        {
            Interlocked.Add(ref _audioBytes, bytes);
            owner._audioBytes.Add(bytes);
        }

        public void Dispose() => owner._sessions.TryRemove(new KeyValuePair<Guid, Session>(CallId, this));
    }
}
