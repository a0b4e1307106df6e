using System.Globalization;
using Invorto.Application.Conversations;

namespace Invorto.Infrastructure.Timeline;

/// <summary>
/// The embedded mode's substitute for the Redis streams <c>events:{callId}</c> (spec §11): the last
/// <see cref="ICallTimelineStream.MaxLength"/> entries of each call, forgotten <see cref="ICallTimelineStream.Retention"/>
/// after its last entry. One instance is shared by the services of the process through <see cref="EmbeddedServices"/>.
/// </summary>
public sealed class InProcessTimelineStreams(TimeProvider clock)
{
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, CallStream> _streams = [];
    private long _sequence;
    private DateTimeOffset _nextSweep = DateTimeOffset.MinValue;

    public int StreamCount
    {
        get
        {
            lock (_gate)
            {
                return _streams.Count;
            }
        }
    }

    public void Append(IReadOnlyList<TimelineEntry> entries)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            var ms = now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            foreach (var entry in entries)
            {
                if (!_streams.TryGetValue(entry.CallId, out var stream))
                {
                    stream = new CallStream();
                    _streams.Add(entry.CallId, stream);
                }

                stream.Entries.Enqueue(new TimelineStreamEntry($"{ms}-{++_sequence}", entry.Kind, entry.At, entry.PayloadJson));
                if (stream.Entries.Count > ICallTimelineStream.MaxLength)
                {
                    stream.Entries.Dequeue();
                }

                stream.LastWrite = now;
            }

            SweepIdle(now);
        }
    }

    public IReadOnlyList<TimelineStreamEntry> Read(Guid callId)
    {
        lock (_gate)
        {
            return _streams.TryGetValue(callId, out var stream) && clock.GetUtcNow() - stream.LastWrite < ICallTimelineStream.Retention
                ? [.. stream.Entries]
                : [];
        }
    }

    private void SweepIdle(DateTimeOffset now)
    {
        if (now < _nextSweep)
        {
            return;
        }

        _nextSweep = now + SweepInterval;
        foreach (var (callId, stream) in _streams)
        {
            if (now - stream.LastWrite >= ICallTimelineStream.Retention)
            {
                _streams.Remove(callId);
            }
        }
    }

    private sealed class CallStream
    {
        public Queue<TimelineStreamEntry> Entries { get; } = new();

        public DateTimeOffset LastWrite { get; set; }
    }
}
