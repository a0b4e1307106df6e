using System.Collections.Concurrent;

namespace Invorto.Testing.Conversations;

/// <summary>
/// A caller that streams 20 ms frames in real time, as a phone would: silence unless it has been told to speak.
/// <see cref="Say"/> queues a speech burst; <see cref="SpeechStartedAt"/> reports when its first frame left.
/// </summary>
public sealed class LiveCaller : IAsyncDisposable, IDisposable
{
    private readonly ConcurrentQueue<(byte[] Frame, TaskCompletionSource? Started, TaskCompletionSource? Finished)> _queue = new();
    private readonly Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> _send;
    private readonly int _frameBytes;
    private readonly byte[] _silence;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LiveCaller(Func<ReadOnlyMemory<byte>, CancellationToken, ValueTask> send, int sampleRate = 16000)
    {
        _send = send;
        _frameBytes = sampleRate / 50 * 2;
        _silence = new byte[_frameBytes];
        SampleRate = sampleRate;
        _loop = RunAsync();
    }

    public int SampleRate { get; }

    public long FramesSent { get; private set; }

    /// <summary>Queues <paramref name="milliseconds"/> of speech; the task completes when the last frame has been sent.</summary>
    public (Task Started, Task Finished) Say(int milliseconds) => Queue(CallerAudio.Speech(milliseconds, SampleRate));

    /// <summary>Queues <paramref name="milliseconds"/> of silence: a pause measured in frames the caller has sent, not in wall time.</summary>
    public (Task Started, Task Finished) Pause(int milliseconds) => Queue(CallerAudio.Silence(milliseconds, SampleRate));

    private (Task Started, Task Finished) Queue(byte[] pcm)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var frames = pcm.Length / _frameBytes;
        for (var i = 0; i < frames; i++)
        {
            _queue.Enqueue((pcm.AsSpan(i * _frameBytes, _frameBytes).ToArray(), i == 0 ? started : null, i == frames - 1 ? finished : null));
        }

        return (started.Task, finished.Task);
    }

    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    public void Dispose() => _stop.Dispose();

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        while (await timer.WaitForNextTickAsync(_stop.Token))
        {
            if (_queue.TryDequeue(out var item))
            {
                item.Started?.TrySetResult();
                await _send(item.Frame, _stop.Token);
                item.Finished?.TrySetResult();
            }
            else
            {
                await _send(_silence, _stop.Token);
            }

            FramesSent++;
        }
    }
}
