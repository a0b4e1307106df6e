using Hangfire;
using Hangfire.InMemory;

namespace Invorto.Infrastructure;

/// <summary>
/// The in-process stand-ins for what Redis and PostgreSQL share between services in production (spec §11).
/// The embedded launcher creates one instance and hands it to all four services of the process.
/// </summary>
public sealed class EmbeddedServices(bool sharedAcrossServices = false) : IDisposable
{
    private readonly Lazy<InMemoryStorage> _jobStorage = new(() => new InMemoryStorage());

    /// <summary>True when one launcher hands this instance to all four services, so in-process state is really shared.</summary>
    public bool SharedAcrossServices { get; } = sharedAcrossServices;

    public JobStorage JobStorage => _jobStorage.Value;

    public void Dispose()
    {
        if (_jobStorage.IsValueCreated)
        {
            _jobStorage.Value.Dispose();
        }
    }
}
