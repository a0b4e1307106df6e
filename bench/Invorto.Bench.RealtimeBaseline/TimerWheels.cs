using System.Diagnostics;
using Invorto.Bench.Realtime;

namespace Invorto.Bench.RealtimeBaseline;

/// <summary>
/// The server's shared send timers: one dedicated thread per wheel, sessions partitioned round-robin over the wheels and
/// over <c>slots</c> phases of the 20 ms frame period, so each session gets one frame every 20 ms at its own phase.
/// </summary>
public sealed class TimerWheels : IDisposable
{
    private static readonly TimeSpan FramePeriod = TimeSpan.FromMilliseconds(20);

    private readonly BaselineSession[][][] _wheels;
    private readonly Thread[] _threads;
    private readonly Lock _gate = new();
    private readonly int _slots;
    private int _added;
    private volatile bool _stopping;

    public TimerWheels(int wheels, int slots)
    {
        _slots = slots;
        _wheels = new BaselineSession[wheels][][];
        _threads = new Thread[wheels];
        for (var i = 0; i < wheels; i++)
        {
            _wheels[i] = Enumerable.Range(0, slots).Select(_ => Array.Empty<BaselineSession>()).ToArray();
            var index = i;
            _threads[i] = new Thread(origin => Run(index, (long)origin!)) { IsBackground = true, Name = $"baseline-wheel-{i}" };
        }
    }

    public void Start()
    {
        var origin = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 100);
        for (var i = 0; i < _threads.Length; i++)
        {
            _threads[i].Start(origin + (Stopwatch.Frequency / 1000 * 20 / _slots * i / _threads.Length));
        }
    }

    public void Add(BaselineSession session)
    {
        lock (_gate)
        {
            var n = _added++;
            var wheel = _wheels[n % _threads.Length];
            var slot = n / _threads.Length % _slots;
            Volatile.Write(ref wheel[slot], [.. wheel[slot], session]);
        }
    }

    public void Remove(BaselineSession session)
    {
        lock (_gate)
        {
            foreach (var wheel in _wheels)
            {
                for (var slot = 0; slot < wheel.Length; slot++)
                {
                    if (Array.IndexOf(wheel[slot], session) >= 0)
                    {
                        Volatile.Write(ref wheel[slot], wheel[slot].Where(s => s != session).ToArray());
                    }
                }
            }
        }
    }

    public void Dispose()
    {
        _stopping = true;
        foreach (var thread in _threads)
        {
            if (thread.IsAlive)
            {
                thread.Join();
            }
        }
    }

    private void Run(int index, long origin)
    {
        var wheel = _wheels[index];
        var period = FramePeriod / _slots;
        var periodTicks = (long)(period.TotalSeconds * Stopwatch.Frequency);
        var pacer = new TickPacer(period, origin);
        while (!_stopping)
        {
            var scheduled = pacer.WaitNext();
            foreach (var session in Volatile.Read(ref wheel[(scheduled - origin) / periodTicks % _slots]))
            {
                session.SendFrame();
            }
        }
    }
}
