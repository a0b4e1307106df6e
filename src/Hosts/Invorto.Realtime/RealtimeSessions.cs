using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Invorto.Realtime;

/// <summary>The live media sessions of this process, exported as <c>invorto_active_sessions</c>.</summary>
public sealed class RealtimeSessions
{
    public const string MeterName = "Invorto.Realtime";
    private readonly ConcurrentDictionary<Guid, Session> _sessions = new();
    private readonly Counter<long> _audioBytes;

    public RealtimeSessions(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("invorto_active_sessions", () => _sessions.Count, description: "Media sessions open in this process.");
        _audioBytes = meter.CreateCounter<long>("invorto_inbound_audio_bytes", description: "Caller audio received.");
    }

    public int Count => _sessions.Count;

    public Session Open(Guid callId, int sampleRate)
    {
        var session = new Session(this, callId, sampleRate);
        _sessions[callId] = session;
        return session;
    }

    public Session? Find(Guid callId) => _sessions.GetValueOrDefault(callId);

    /// <summary>One call's media stream; disposing it ends the session.</summary>
    public sealed class Session(RealtimeSessions owner, Guid callId, int sampleRate) : IDisposable
    {
        private long _audioBytes;

        public Guid CallId { get; } = callId;

        public int SampleRate { get; } = sampleRate;

        public long AudioBytes => Interlocked.Read(ref _audioBytes);

        public void AudioReceived(int bytes)
        {
            Interlocked.Add(ref _audioBytes, bytes);
            owner._audioBytes.Add(bytes);
        }

        public void Dispose() => owner._sessions.TryRemove(new KeyValuePair<Guid, Session>(CallId, this));
    }
}
