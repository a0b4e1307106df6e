using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Invorto.Hosts.Tests;

/// <summary>
/// Meters under a private name prefix, for an extra host in the test process. Metric listeners match meters by name across
/// the whole process, so without this the shared hosts' exporters would adopt this host's ASP.NET Core instruments and
/// drop those metrics when this host is disposed.
/// </summary>
internal sealed class IsolatedMeterFactory : IMeterFactory
{
    private readonly ConcurrentBag<Meter> _meters = [];

    public Meter Create(MeterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var meter = new Meter($"isolated-test-host.{options.Name}", options.Version, options.Tags, this);
        _meters.Add(meter);
        return meter;
    }

    public void Dispose()
    {
        foreach (var meter in _meters)
        {
            meter.Dispose();
        }
    }
}
