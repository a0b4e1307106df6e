using Hangfire;
using Hangfire.InMemory;
using Invorto.Application.Abstractions;
using Invorto.Infrastructure.Sessions;
using Invorto.Infrastructure.Timeline;

namespace Invorto.Infrastructure;

/// <summary>
/// The in-process stand-ins for what Redis and PostgreSQL share between services in production (spec §11).
/// The embedded launcher creates one instance and hands it to all four services of the process.
/// </summary>
public sealed class EmbeddedServices(bool sharedAcrossServices = false) : IDisposable
{
    private readonly Lazy<InMemoryStorage> _jobStorage = new(() => new InMemoryStorage());
    private readonly Lock _gate = new();
    private IConcurrencyLimiter? _limiter;
    private InProcessTimelineStreams? _timelineStreams;
    private InProcessSessionHeartbeat? _sessionHeartbeat;
    private InProcessCallEndedFeed? _callEndedFeed;

    /// <summary>True when one launcher hands this instance to all four services, so in-process state is really shared.</summary>
    public bool SharedAcrossServices { get; } = sharedAcrossServices;

    public JobStorage JobStorage => _jobStorage.Value;

    /// <summary>The one limiter of the process: created by the first service that asks, reused by the others.</summary>
    public IConcurrencyLimiter ConcurrencyLimiter(Func<IConcurrencyLimiter> create)
    {
        lock (_gate)
        {
            return _limiter ??= create();
        }
    }

    /// <summary>The process's one substitute for the <c>events:{callId}</c> streams.</summary>
    public InProcessTimelineStreams TimelineStreams(Func<InProcessTimelineStreams> create)
    {
        lock (_gate)
        {
            return _timelineStreams ??= create();
        }
    }

    /// <summary>The process's one substitute for the <c>invorto:session:{callId}</c> records.</summary>
    public InProcessSessionHeartbeat SessionHeartbeat(Func<InProcessSessionHeartbeat> create)
    {
        lock (_gate)
        {
            return _sessionHeartbeat ??= create();
        }
    }

    /// <summary>The process's one substitute for the <c>invorto:call-ended</c> channel.</summary>
    public InProcessCallEndedFeed CallEndedFeed()
    {
        lock (_gate)
        {
            return _callEndedFeed ??= new InProcessCallEndedFeed();
        }
    }

    public void Dispose()
    {
        if (_jobStorage.IsValueCreated)
        {
            _jobStorage.Value.Dispose();
        }
    }
}
