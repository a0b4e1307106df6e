using System.Globalization;

namespace Invorto.Bench.Realtime;

/// <summary>CPU time of a process from <c>/proc/&lt;pid&gt;/stat</c> (utime + stime).</summary>
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
}
