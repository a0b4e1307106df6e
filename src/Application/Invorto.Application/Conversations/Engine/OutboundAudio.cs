using Invorto.Application.Conversations.Transport;

namespace Invorto.Application.Conversations.Engine;

/// <summary>
/// The session's outbound audio: the bounded queue of 20 ms agent frames that synthesis fills and the pacer drains, one
/// frame per 20 ms on the pacer's grid, and the sends of frames and marks to the transport. Only the pacer takes and sends
/// frames (a frame's buffer goes back to the pool once its send completes); any thread may clear the queue. A full queue
/// resumes the synthesizer only once it is half empty: waking it for every frame the pacer took cost a thread-pool
/// continuation per frame per speaking call. The queue is a ring of exactly its capacity under one small lock.
/// </summary>
internal sealed class OutboundAudio
{
    private readonly IConversationTransport _transport;
    private readonly AgentAudioFramePool _pool;
    private readonly ConversationMetrics _metrics;
    private readonly EngineClock _clock;
    private readonly OutboundFrame[] _ring;
    private readonly Action<Exception> _failed;
    private readonly CancellationToken _life;
    private readonly int _capacity;
    private readonly int _resumeAt;
    private readonly Lock _gate = new();
    private TaskCompletionSource? _room;
    private int _head;
    private int _queued;
    private bool _completed;

    private volatile bool _writerWaiting;

    // Pacer thread only.
    private Task? _pendingSend;
    private long _nextSendAt;

    public OutboundAudio(IConversationTransport transport, AgentAudioFramePool pool, ConversationMetrics metrics, EngineClock clock, int frameBytes, int capacity, Action<Exception> failed, CancellationToken life)
    {
        _transport = transport;
        _pool = pool;
        _metrics = metrics;
        _clock = clock;
        FrameBytes = frameBytes;
        _failed = failed;
        _life = life;
        _capacity = Math.Max(2, capacity);
        _resumeAt = _capacity / 2;
        _ring = new OutboundFrame[_capacity];
    }

    public int FrameBytes { get; }

    public Task? PendingSend => _pendingSend;

    /// <summary>The synthesizer is waiting for room in the full queue.</summary>
    public bool WriterWaiting => _writerWaiting;

    public byte[] Rent() => _pool.Rent(FrameBytes);

    public void Return(byte[] buffer) => _pool.Return(buffer);

    /// <summary>Queues a frame; when the queue is full, waits until the pacer has drained it to half.</summary>
    public async ValueTask QueueAsync(OutboundFrame frame, CancellationToken cancellationToken)
    {
        try
        {
            while (TryEnqueue(frame) is { } room)
            {
                _writerWaiting = true;
                await room.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            _pool.Return(frame.Buffer);
            throw;
        }
        finally
        {
            _writerWaiting = false;
        }
    }

    /// <summary>
    /// On the pacer's tick, under the session's lock: the next frame of <paramref name="reply"/> when one is due and the
    /// previous send has completed. Frames of any other reply, or of one that stopped, are stale and dropped.
    /// </summary>
    public OutboundTake TryTakeLocked(long now, ReplyHandle? reply, out OutboundFrame frame)
    {
        frame = default;
        var speaking = reply is { Speaking: true };
        if (speaking && now + _clock.DueTolerance < _nextSendAt)
        {
            return OutboundTake.NotDue;
        }

        if (_pendingSend is { IsCompleted: false })
        {
            _metrics.OutboundFramesSkipped.Add(1);
            return OutboundTake.NotDue;
        }

        while (TryDequeue(out frame))
        {
            if (reply is null || frame.ReplyId != reply.Id || !reply.Active)
            {
                _pool.Return(frame.Buffer);
                continue;
            }

            _nextSendAt = speaking && now - _nextSendAt < 3 * _clock.FramePeriod ? _nextSendAt + _clock.FramePeriod : now + _clock.FramePeriod;
            return OutboundTake.Frame;
        }

        return OutboundTake.Empty;
    }

    /// <summary>Drops every queued frame (a barge-in, a new reply, the end of the session).</summary>
    public void Clear()
    {
        while (TryDequeue(out var stale))
        {
            _pool.Return(stale.Buffer);
        }
    }

    /// <summary>
    /// Queues the frame when there is room (null); otherwise the task to wait on. A reply that was cut may still be
    /// unwinding while the next one speaks, so two writers can meet here: room is checked and taken in one step.
    /// </summary>
    private Task? TryEnqueue(OutboundFrame frame)
    {
        lock (_gate)
        {
            if (_completed)
            {
                throw new OperationCanceledException("The session has ended.");
            }

            if (_queued == _capacity)
            {
                return (_room ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }

            _ring[(_head + _queued) % _ring.Length] = frame;
            _queued++;
            return null;
        }
    }

    private bool TryDequeue(out OutboundFrame frame)
    {
        TaskCompletionSource? room = null;
        lock (_gate)
        {
            if (_queued == 0)
            {
                frame = default;
                return false;
            }

            frame = _ring[_head];
            _ring[_head] = default;
            _head = _head + 1 == _ring.Length ? 0 : _head + 1;
            _queued--;
            if (_queued <= _resumeAt)
            {
                room = _room;
                _room = null;
            }
        }

        room?.TrySetResult();
        return true;
    }

    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
        }

        Clear();
    }

    public void Send(OutboundFrame frame)
    {
        ValueTask sending;
        try
        {
            sending = _transport.SendAudioAsync(frame.Buffer.AsMemory(0, FrameBytes), _life);
        }
        catch (Exception exception)
        {
            _pool.Return(frame.Buffer);
            _failed(exception);
            return;
        }

        if (sending.IsCompletedSuccessfully)
        {
            _pool.Return(frame.Buffer);
            return;
        }

        _pendingSend = CompleteSendAsync(sending, frame.Buffer);
    }

    public void SendMark(string name)
    {
        if (!_transport.ReportsPlayout)
        {
            return;
        }

        try
        {
            var sending = _transport.SendMarkAsync(name, _life);
            if (!sending.IsCompletedSuccessfully)
            {
                _ = CompleteSendAsync(sending, frame: null);
            }
        }
        catch (Exception exception)
        {
            _failed(exception);
        }
    }

    /// <summary>Observes a send that did not complete at once; a frame's buffer goes back to the pool when it is done.</summary>
    private async Task CompleteSendAsync(ValueTask sending, byte[]? frame)
    {
        try
        {
            await sending.ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            _failed(exception);
        }
        finally
        {
            if (frame is not null)
            {
                _pool.Return(frame);
            }
        }
    }
}
