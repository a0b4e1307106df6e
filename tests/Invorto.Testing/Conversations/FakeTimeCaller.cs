using System.Collections.Concurrent;

namespace Invorto.Testing.Conversations;

/// <summary>
/// The fake-time counterpart of <see cref="LiveCaller"/>: a caller that sends one 20 ms frame each time the test's clock
/// reaches the next 20 ms (<see cref="SendFrameAsync"/>), silence unless it has been told to speak.
/// </summary>
public sealed class FakeTimeCaller(Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> send, int sampleRate = 16000)
{
    public const int FrameMs = 20;
    private readonly ConcurrentQueue<(byte[] Frame, TaskCompletionSource? Started, TaskCompletionSource? Finished)> _queue = new();
    private readonly byte[] _silence = new byte[sampleRate / 50 * 2];

    public int SampleRate => sampleRate;

    public long FramesSent { get; private set; }

    /// <summary>Frames still queued: the caller is speaking or pausing on purpose.</summary>
    public int Queued => _queue.Count;

    /// <summary>Queues <paramref name="milliseconds"/> of speech; the tasks complete when its first and last frames have been sent.</summary>
    public (Task Started, Task Finished) Say(int milliseconds) => Queue(CallerAudio.Speech(milliseconds, SampleRate));

    /// <summary>Queues <paramref name="milliseconds"/> of silence: a pause measured in frames the caller has sent.</summary>
    public (Task Started, Task Finished) Pause(int milliseconds) => Queue(CallerAudio.Silence(milliseconds, SampleRate));

    /// <summary>Sends the next frame: the queued speech or pause, or silence.</summary>
    public async ValueTask SendFrameAsync(CancellationToken cancellationToken)
    {
        if (_queue.TryDequeue(out var item))
        {
            item.Started?.TrySetResult();
            await send(item.Frame, cancellationToken);
            item.Finished?.TrySetResult();
        }
        else
        {
            await send(_silence, cancellationToken);
        }

        FramesSent++;
    }

    private (Task Started, Task Finished) Queue(byte[] pcm)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var frameBytes = _silence.Length;
        var frames = pcm.Length / frameBytes;
        for (var i = 0; i < frames; i++)
        {
            _queue.Enqueue((pcm.AsSpan(i * frameBytes, frameBytes).ToArray(), i == 0 ? started : null, i == frames - 1 ? finished : null));
        }

        return (started.Task, finished.Task);
    }
}
