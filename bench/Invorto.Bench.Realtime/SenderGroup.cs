using System.Diagnostics;

namespace Invorto.Bench.Realtime;

/// <summary>
/// The client's shared send timer: a few dedicated threads, each owning a partition of the sessions as a timer wheel of
/// <c>slots</c> phases per 20 ms frame, so the sends of a partition are spread over the period instead of bunched on one
/// tick. Each session is sent one frame per 20 ms at its own phase; the slip of every send (actual start − scheduled tick)
/// is recorded per thread.
/// </summary>
public sealed class SenderGroup : IDisposable
{
    private static readonly TimeSpan FramePeriod = TimeSpan.FromMilliseconds(20);

    private readonly LoadSession[][][] _wheels;
    private readonly Histogram[] _slips;
    private readonly Thread[] _threads;
    private readonly Lock _gate = new();
    private readonly int _slots;
    private int _added;
    private volatile bool _stopping;

    public SenderGroup(int threads, int slots)
    {
        _slots = slots;
        _wheels = new LoadSession[threads][][];
        _slips = new Histogram[threads];
        _threads = new Thread[threads];
        for (var i = 0; i < threads; i++)
        {
            _wheels[i] = Enumerable.Range(0, slots).Select(_ => Array.Empty<LoadSession>()).ToArray();
            _slips[i] = new Histogram();
            var index = i;
            _threads[i] = new Thread(origin => Run(index, (long)origin!)) { IsBackground = true, Name = $"bench-sender-{i}", Priority = ThreadPriority.AboveNormal };
        }
    }

    public void Start()
    {
        var origin = Stopwatch.GetTimestamp() + (Stopwatch.Frequency / 100);
        for (var i = 0; i < _threads.Length; i++)
        {
            // Threads are offset within a slot so that they do not wake together.
            var offset = Stopwatch.Frequency / 1000 * 20 / _slots * i / _threads.Length;
            _threads[i].Start(origin + offset);
        }
    }

    /// <summary>Adds a ready session; it gets its first frame at its phase's next tick.</summary>
    public void Add(LoadSession session)
    {
        lock (_gate)
        {
            var n = _added++;
            var thread = n % _threads.Length;
            var slot = n / _threads.Length % _slots;
            var wheel = _wheels[thread];
            Volatile.Write(ref wheel[slot], [.. wheel[slot], session]);
        }
    }

    public Histogram SendSlip()
    {
        var all = new Histogram();
        foreach (var slip in _slips)
        {
            all.Add(slip);
        }

        return all;
    }

    public void Stop()
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

    public void Dispose() => Stop();

    private void Run(int index, long origin)
    {
        var wheel = _wheels[index];
        var slip = _slips[index];
        var period = FramePeriod / _slots;
        var periodTicks = (long)(period.TotalSeconds * Stopwatch.Frequency);
        var pacer = new TickPacer(period, origin);
        while (!_stopping)
        {
            var scheduled = pacer.WaitNext();
            var sessions = Volatile.Read(ref wheel[(scheduled - origin) / periodTicks % _slots]);
            foreach (var session in sessions)
            {
                session.SendTick(scheduled, slip);
            }
        }
    }
}
