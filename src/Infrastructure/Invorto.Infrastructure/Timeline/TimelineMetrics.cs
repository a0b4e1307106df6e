using System.Diagnostics.Metrics;

namespace Invorto.Infrastructure.Timeline;

/// <summary>The timeline pipeline's instruments (spec §12): entries dropped before writing, entries that could not be written, payloads over the size cap, queue depth.</summary>
public sealed class TimelineMetrics
{
    public const string MeterName = "Invorto.Timeline";
    public const string DroppedName = "invorto_timeline_dropped_total";
    public const string WriteFailuresName = "invorto_timeline_write_failures_total";
    public const string WrittenName = "invorto_timeline_written_total";
    public const string TruncatedName = "invorto_timeline_truncated_total";
    public const string QueueDepthName = "invorto_timeline_queue_depth";
    public const string ReasonTag = "reason";
    public const string SinkTag = "sink";
    public const string QueueFull = "queue_full";
    public const string Invalid = "invalid";
    public const string StreamSink = "stream";
    public const string DatabaseSink = "database";

    private readonly Meter _meter;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _writeFailures;
    private readonly Counter<long> _written;
    private readonly Counter<long> _truncated;

    public TimelineMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        _dropped = _meter.CreateCounter<long>(DroppedName, unit: "{entry}", description: "Timeline entries dropped before writing: queue full or invalid.");
        _writeFailures = _meter.CreateCounter<long>(WriteFailuresName, unit: "{entry}", description: "Timeline entries a sink could not write after its retries.");
        _truncated = _meter.CreateCounter<long>(TruncatedName, unit: "{entry}", description: "Timeline entries whose payload was over the size cap and replaced.");
        _written = _meter.CreateCounter<long>(WrittenName, unit: "{entry}", description: "Timeline entries written, by sink.");
    }

    public void RecordDropped(string reason, int count = 1) =>
        _dropped.Add(count, new KeyValuePair<string, object?>(ReasonTag, reason));

    public void RecordWriteFailure(string sink, int count) =>
        _writeFailures.Add(count, new KeyValuePair<string, object?>(SinkTag, sink));

    public void RecordTruncated() => _truncated.Add(1);

    public void RecordWritten(string sink, int count) =>
        _written.Add(count, new KeyValuePair<string, object?>(SinkTag, sink));

    internal void ObserveQueueDepth(Func<int> depth) =>
        _meter.CreateObservableGauge(QueueDepthName, depth, unit: "{entry}", description: "Timeline entries waiting to be written in this process.");
}
