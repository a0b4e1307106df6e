using System.Globalization;

namespace Invorto.Bench.Realtime;

/// <summary>
/// CPU time of a process from <c>/proc/&lt;pid&gt;/stat</c> (utime + stime), and the machine's CPU ticks from the
/// <c>cpu</c> line of <c>/proc/stat</c>: on a virtual machine, steal is the time the hypervisor gave our vCPUs to others.
/// </summary>
public static class ProcStat
{
    private const double ClockTicksPerSecond = 100;

    /// <summary>utime + stime in seconds from the text of a stat file (the command name may contain spaces and parentheses).</summary>
    public static double CpuSeconds(string statLine)
    {
        var fields = statLine[(statLine.LastIndexOf(')') + 2)..].Split(' ');
        // fields[0] is field 3 (state) of proc(5); utime and stime are fields 14 and 15.
        var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (utime + stime) / ClockTicksPerSecond;
    }

    public static double? ReadCpuSeconds(int? pid)
    {
        if (pid is not { } id)
        {
            return null;
        }

        try
        {
            return CpuSeconds(File.ReadAllText($"/proc/{id}/stat"));
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Steal and total ticks (user through steal) from the aggregate <c>cpu</c> line of <c>/proc/stat</c>.</summary>
    public static (long Steal, long Total) MachineTicks(string cpuLine)
    {
        var fields = cpuLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // fields[0] is "cpu"; then user nice system idle iowait irq softirq steal (guest time is already in user).
        var total = 0L;
        for (var i = 1; i <= 8 && i < fields.Length; i++)
        {
            total += long.Parse(fields[i], CultureInfo.InvariantCulture);
        }

        return (fields.Length > 8 ? long.Parse(fields[8], CultureInfo.InvariantCulture) : 0, total);
    }

    public static (long Steal, long Total)? ReadMachineTicks()
    {
        try
        {
            using var reader = new StreamReader("/proc/stat");
            return reader.ReadLine() is { } line ? MachineTicks(line) : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Steal as a percentage of all CPU time between two readings; null when either is missing.</summary>
    public static double? StealPercent((long Steal, long Total)? before, (long Steal, long Total)? after) =>
        before is { } b && after is { } a && a.Total > b.Total ? 100.0 * (a.Steal - b.Steal) / (a.Total - b.Total) : null;
}
