using Hangfire;
using Hangfire.InMemory;
using Invorto.Application.Abstractions;

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

    public void Dispose()
    {
        if (_jobStorage.IsValueCreated)
        {
            _jobStorage.Value.Dispose();
        }
    }
}
