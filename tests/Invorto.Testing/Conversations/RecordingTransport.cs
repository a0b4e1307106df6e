using System.Collections.Concurrent;
using Invorto.Application.Conversations.Transport;

namespace Invorto.Testing.Conversations;

/// <summary>A transport that keeps everything the engine sent, with the time it was sent (a timestamp of <paramref name="time"/>, the system clock by default).</summary>
public sealed class RecordingTransport(string name = "web", TimeSpan? farEndBuffer = null, bool consentPlayedByProvider = false, bool reportsPlayout = false, TimeProvider? time = null) : IConversationTransport
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentQueue<(long At, ConversationEvent Event)> _events = new();
    private readonly ConcurrentQueue<long> _frames = new();
    private readonly ConcurrentQueue<long> _flushes = new();
    private readonly ConcurrentQueue<(long At, int FramesBefore, string Name)> _marks = new();

    public string Name => name;

    public TimeSpan FarEndBuffer => farEndBuffer ?? TimeSpan.Zero;

    public bool ConsentPlayedByProvider => consentPlayedByProvider;

    public bool ReportsPlayout => reportsPlayout;

    /// <summary>Marks in the order sent, each with how many frames had been sent before it.</summary>
    public IReadOnlyList<(long At, int FramesBefore, string Name)> Marks => [.. _marks];

    public IReadOnlyList<ConversationEvent> Events => [.. _events.Select(entry => entry.Event)];

    public IReadOnlyList<long> FrameTimes => [.. _frames];

    public IReadOnlyList<long> FlushTimes => [.. _flushes];

    public int Frames => _frames.Count;

    public IEnumerable<T> EventsOf<T>()
        where T : ConversationEvent => Events.OfType<T>();

    public int FramesAfter(long timestamp) => _frames.Count(at => at > timestamp);

    public ValueTask SendAudioAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        _frames.Enqueue(_time.GetTimestamp());
        return ValueTask.CompletedTask;
    }

    public ValueTask SendEventAsync(ConversationEvent conversationEvent, CancellationToken cancellationToken)
    {
        _events.Enqueue((_time.GetTimestamp(), conversationEvent));
        return ValueTask.CompletedTask;
    }

    public ValueTask SendMarkAsync(string name, CancellationToken cancellationToken)
    {
        _marks.Enqueue((_time.GetTimestamp(), _frames.Count, name));
        return ValueTask.CompletedTask;
    }

    public ValueTask FlushPlaybackAsync(CancellationToken cancellationToken)
    {
        _flushes.Enqueue(_time.GetTimestamp());
        return ValueTask.CompletedTask;
    }
}
