using System.Diagnostics;
using System.Runtime.InteropServices;
using Invorto.Application.Conversations.Engine;

namespace Invorto.Infrastructure.Conversations.Pacing;

/// <summary>
/// Sleeps to an absolute <see cref="Stopwatch"/> timestamp. On Linux that timestamp is CLOCK_MONOTONIC in nanoseconds, so
/// the thread sleeps with <c>clock_nanosleep(TIMER_ABSTIME)</c>: it wakes within tens of microseconds of the tick and a
/// late wake-up never shifts the ticks after it. Elsewhere it sleeps whole milliseconds and returns up to one early rather than spin.
/// </summary>
public sealed class MonotonicPacerClock : IPacerClock
{
    private const int ClockMonotonic = 1;
    private const int TimerAbsoluteTime = 1;
    private const long NanosecondsPerSecond = 1_000_000_000;

    private readonly bool _absoluteSleep = OperatingSystem.IsLinux() && Stopwatch.Frequency == NanosecondsPerSecond;

    public void SleepUntil(long timestamp)
    {
        if (_absoluteSleep)
        {
            var until = new TimeSpec(timestamp / NanosecondsPerSecond, timestamp % NanosecondsPerSecond);
            while (Stopwatch.GetTimestamp() < timestamp && ClockNanosleep(ClockMonotonic, TimerAbsoluteTime, in until, IntPtr.Zero) != 0)
            {
                // Interrupted by a signal: sleep again to the same absolute time.
            }

            return;
        }

        long milliseconds;
        while ((milliseconds = (timestamp - Stopwatch.GetTimestamp()) * 1000 / Stopwatch.Frequency) >= 1)
        {
            Thread.Sleep((int)milliseconds);
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
