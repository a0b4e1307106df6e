using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Invorto.Application.Conversations;

namespace Invorto.Infrastructure.Timeline;

/// <summary>
/// The one bounded queue of a process's timeline entries between the appenders (audio path) and <see cref="TimelineWriter"/>.
/// Appending never waits: when the queue is full, or after the writer has stopped, the new entry is dropped and counted.
/// A payload over <see cref="MaxPayloadBytes"/> is replaced by <c>{"truncated":true,"bytes":N}</c> and counted, so no
/// caller (a far end's digits or tool result) can fill Redis streams and <c>call_events</c> with large documents.
/// </summary>
public sealed class TimelineQueue
{
    public const int DefaultCapacity = 100_000;
    public const int MaxPayloadBytes = 4096;

    private readonly Channel<TimelineEntry> _channel;
    private readonly TimelineMetrics _metrics;

    public TimelineQueue(TimelineMetrics metrics, int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _metrics = metrics;
        _channel = Channel.CreateBounded<TimelineEntry>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,

            // The writer's continuation must never run on the appender's (audio) thread.
            AllowSynchronousContinuations = false,
        });
        metrics.ObserveQueueDepth(() => _channel.Reader.Count);
    }

    public int Count => _channel.Reader.Count;

    internal ChannelReader<TimelineEntry> Reader => _channel.Reader;

    /// <returns>False when the entry was dropped.</returns>
    public bool Append(TimelineEntry entry)
    {
        // Three UTF-8 bytes at most per UTF-16 char: shorter payloads need no counting.
        if (entry?.PayloadJson is { Length: > MaxPayloadBytes / 3 } payload && Encoding.UTF8.GetByteCount(payload) is var bytes && bytes > MaxPayloadBytes)
        {
            entry = entry with { PayloadJson = string.Create(CultureInfo.InvariantCulture, $$"""{"truncated":true,"bytes":{{bytes}}}""") };
            _metrics.RecordTruncated();
        }

        if (entry is not null && _channel.Writer.TryWrite(entry))
        {
            return true;
        }

        _metrics.RecordDropped(entry is null ? TimelineMetrics.Invalid : TimelineMetrics.QueueFull);
        return false;
    }

    /// <summary>Refuses further entries (they are dropped and counted); what is queued can still be read.</summary>
    internal void Complete() => _channel.Writer.TryComplete();
}
