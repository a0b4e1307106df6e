using System.Globalization;

namespace Invorto.Bench.Api;

/// <summary>Command line: <c>--rows 100000 --rate 200 --seconds 20 --out bench/results/api.json --plans bench/results/api-plans.txt [--min-threads 64]</c>.</summary>
internal sealed record BenchOptions(int Rows, int Rate, int Seconds, string OutputPath, string PlansPath, int MinThreads)
{
    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
        }

        int Number(string name, int fallback, int max) =>
            Math.Clamp(Value(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback, 1, max);

        return new BenchOptions(
            Number("--rows", 100_000, 2_000_000),
            Number("--rate", 200, 2_000),
            Number("--seconds", 20, 120),
            Value("--out") ?? "bench/results/api.json",
            Value("--plans") ?? "bench/results/api-plans.txt",
            Value("--min-threads") is { } threads ? int.Parse(threads, CultureInfo.InvariantCulture) : 0);
    }

    /// <summary>CPU model and core count from /proc/cpuinfo.</summary>
    public static string Machine()
    {
        var model = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return string.Create(CultureInfo.InvariantCulture, $"{model ?? "unknown CPU"}, {Environment.ProcessorCount} cores");
    }

    /// <summary>The 1-minute load average: other work on the machine competes with the host, PostgreSQL and the driver.</summary>
    public static double LoadAverage() =>
        File.Exists("/proc/loadavg")
            ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture)
            : -1;
}
