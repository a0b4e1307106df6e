using System.Diagnostics;
using System.Text.Json;

namespace Invorto.Bench.Limiter;

/// <summary>Starts hammer processes (copies of this program) and collects their reports.</summary>
public static class HammerProcesses
{
    /// <summary>
    /// Runs <paramref name="count"/> hammers with the given arguments (without <c>--hammer</c>) and returns each
    /// one's report line as JSON. Throws when a hammer fails or outlives <paramref name="timeout"/>.
    /// </summary>
    /// <param name="program">This program's <c>.dll</c> (started with <c>dotnet</c>) or its native executable.</param>
    public static async Task<IReadOnlyList<string>> RunAsync(string program, int count, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var processes = new List<Process>(count);
        try
        {
            for (var i = 0; i < count; i++)
            {
                processes.Add(Start(program, arguments));
            }

            using var deadline = new CancellationTokenSource(timeout);
            var outputs = await Task.WhenAll(processes.Select(p => CollectAsync(p, deadline.Token)));
            return outputs;
        }
        finally
        {
            foreach (var process in processes)
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }

                process.Dispose();
            }
        }
    }

    /// <summary>This program as something another process can start: its .dll when run through <c>dotnet</c>.</summary>
    public static string CurrentProgram() =>
        Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet"
            ? Path.Combine(AppContext.BaseDirectory, "Invorto.Bench.Limiter.dll")
            : Environment.ProcessPath ?? throw new InvalidOperationException("The process path is unknown.");

    private static Process Start(string program, IReadOnlyList<string> arguments)
    {
        var runsOnDotnet = program.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var start = new ProcessStartInfo(runsOnDotnet ? "dotnet" : program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (runsOnDotnet)
        {
            start.ArgumentList.Add(program);
        }

        start.ArgumentList.Add("--hammer");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
    }

    private static async Task<string> CollectAsync(Process process, CancellationToken cancellationToken)
    {
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var text = await output;
        var report = text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(HammerReport.Prefix, StringComparison.Ordinal));
        if (process.ExitCode != 0 || report is null)
        {
            throw new InvalidOperationException($"Hammer {process.Id} exited with {process.ExitCode} and no report.\n{text}\n{await errors}");
        }

        return report[HammerReport.Prefix.Length..];
    }

    public static HammerReport Parse(string json) =>
        JsonSerializer.Deserialize<HammerReport>(json) ?? throw new InvalidOperationException("Empty hammer report.");
}
