using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Invorto.Infrastructure.Timeline;

namespace Invorto.Infrastructure.Tests.Timeline;

/// <summary>Sums what the timeline instruments of one meter factory record, by instrument and tag value.</summary>
public sealed class TimelineMetricsRecorder : IDisposable
{
    private readonly ConcurrentDictionary<(string Instrument, string? Tag), long> _totals = new();
    private readonly MeterListener _listener;

    public TimelineMetricsRecorder(IMeterFactory factory)
    {
        _listener = new MeterListener
        {
            // This factory's meters only: other tests record in parallel.
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == factory && instrument.Meter.Name == TimelineMetrics.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? tag = null;
            foreach (var pair in tags)
            {
                tag = pair.Value as string;
            }

            _totals.AddOrUpdate((instrument.Name, tag), value, (_, total) => total + value);
        });
        _listener.Start();
    }

    public long Dropped(string reason) => _totals.GetValueOrDefault((TimelineMetrics.DroppedName, reason));

    public long Failed(string sink) => _totals.GetValueOrDefault((TimelineMetrics.WriteFailuresName, sink));

    public long Truncated => _totals.GetValueOrDefault((TimelineMetrics.TruncatedName, null));

    public long Written(string sink) => _totals.GetValueOrDefault((TimelineMetrics.WrittenName, sink));

    public void Dispose() => _listener.Dispose();
}
