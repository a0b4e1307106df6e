using System.Globalization;

namespace Invorto.Bench.Realtime;

/// <summary>"CPU model, N cores, M GiB" from /proc/cpuinfo, the processor count and /proc/meminfo.</summary>
public static class MachineInfo
{
    public static string Describe()
    {
        var model = "unknown CPU";
        double? memoryGiB = null;
        try
        {
            model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? model;
            var memTotal = File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            if (memTotal is not null)
            {
                var kb = long.Parse(memTotal.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
                memoryGiB = Math.Round(kb / 1024.0 / 1024.0, 1);
            }
        }
        catch (IOException)
        {
        }

        return string.Create(CultureInfo.InvariantCulture, $"{model}, {Environment.ProcessorCount} cores{(memoryGiB is { } m ? $", {m} GiB" : string.Empty)}");
    }
}
