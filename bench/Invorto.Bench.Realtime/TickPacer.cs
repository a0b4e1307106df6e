using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Invorto.Bench.Realtime;

/// <summary>
/// Paces a dedicated thread on a fixed grid of <see cref="Stopwatch"/> timestamps. On Linux the timestamp is
/// CLOCK_MONOTONIC in nanoseconds, so the thread sleeps to the absolute tick with <c>clock_nanosleep</c> (about 60 µs late,
/// no spinning); elsewhere it sleeps whole milliseconds. Ticks missed by a stall are returned at once, in order, as an
/// audio source catches up (its frames arrive late, none is dropped); after a stall of more than a second the missed ticks
/// are skipped.
/// </summary>
public sealed class TickPacer
{
    private const int ClockMonotonic = 1;
    private const int TimerAbsoluteTime = 1;
    private static readonly bool NanosecondMonotonic = OperatingSystem.IsLinux() && Stopwatch.Frequency == 1_000_000_000;

    private readonly long _period;
    private long _next;

    public TickPacer(TimeSpan period, long firstTick)
    {
        _period = (long)(period.TotalSeconds * Stopwatch.Frequency);
        _next = firstTick;
    }

    /// <summary>Waits for the next tick and returns its scheduled timestamp.</summary>
    public long WaitNext()
    {
        var scheduled = _next;
        SleepUntil(scheduled);
        _next += _period;
        var behind = Stopwatch.GetTimestamp() - _next;
        if (behind > Stopwatch.Frequency)
        {
            _next += behind / _period * _period;
        }

        return scheduled;
    }

    private static void SleepUntil(long timestamp)
    {
        if (NanosecondMonotonic)
        {
            var until = new TimeSpec(timestamp / 1_000_000_000, timestamp % 1_000_000_000);
            while (Stopwatch.GetTimestamp() < timestamp && ClockNanosleep(ClockMonotonic, TimerAbsoluteTime, in until, IntPtr.Zero) != 0)
            {
                // EINTR: sleep again to the same absolute time.
            }

            return;
        }

        while (true)
        {
            var remaining = timestamp - Stopwatch.GetTimestamp();
            if (remaining <= 0)
            {
                return;
            }

            Thread.Sleep((int)Math.Max(1, remaining * 1000 / Stopwatch.Frequency));
        }
    }

    [DllImport("libc", EntryPoint = "clock_nanosleep")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int ClockNanosleep(int clock, int flags, in TimeSpec request, IntPtr remain);

    [StructLayout(LayoutKind.Sequential)]
    private readonly struct TimeSpec(long seconds, long nanoseconds)
    {
        public readonly long Seconds = seconds;
        public readonly long Nanoseconds = nanoseconds;
    }
}
