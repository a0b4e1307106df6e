using System.Diagnostics;
using Invorto.Bench.Realtime;

namespace Invorto.Bench.Offline.Calls;

/// <summary>One dedicated thread that, every 20 ms on a fixed grid, hands each call its next caller frame and records its own slip.</summary>
public sealed class CallTicker : IDisposable
{
    private readonly Thread _thread;
    private readonly Lock _gate = new();
    private CallSession[] _sessions = [];
    private volatile bool _stopping;

    public CallTicker()
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "bench-caller-ticks", Priority = ThreadPriority.AboveNormal };
    }

    /// <summary>How late each tick's sends started (actual − scheduled); read after <see cref="Stop"/>.</summary>
    public Histogram Slip { get; } = new();

    public void Start() => _thread.Start();

    public void Add(CallSession session)
    {
        lock (_gate)
        {
            Volatile.Write(ref _sessions, [.. _sessions, session]);
        }
    }

    public void Stop()
    {
        _stopping = true;
        if (_thread.IsAlive)
        {
            _thread.Join();
        }
    }

    public void Dispose() => Stop();

    private void Run()
    {
        var pacer = new TickPacer(TimeSpan.FromMilliseconds(20), Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 100));
        while (!_stopping)
        {
            var scheduled = pacer.WaitNext();
            Slip.RecordMicroseconds((long)((Stopwatch.GetTimestamp() - scheduled) * 1_000_000.0 / Stopwatch.Frequency));
            foreach (var session in Volatile.Read(ref _sessions))
            {
                session.SendTick(scheduled);
            }
        }
    }
}
