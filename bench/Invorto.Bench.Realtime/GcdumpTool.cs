using System.Diagnostics;

namespace Invorto.Bench.Realtime;

/// <summary>
/// Runs <c>dotnet-gcdump</c> from the repository's tool manifest (<c>dotnet tool restore</c> installs it), so the
/// working directory must be inside the repository. <c>collect</c> forces a full blocking GC in the target first, so a
/// dump holds only what is live.
/// </summary>
public static class GcdumpTool
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static async Task CollectAsync(int pid, string path, CancellationToken cancellationToken) =>
        await RunAsync(["collect", "-p", pid.ToString(System.Globalization.CultureInfo.InvariantCulture), "-o", path], cancellationToken);

    public static async Task<string> ReportAsync(string path, CancellationToken cancellationToken) =>
        await RunAsync(["report", path], cancellationToken);

    private static async Task<string> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["tool", "run", "dotnet-gcdump", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var text = await output;
        if (process.ExitCode != 0 || text.Contains("Failed to collect", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"dotnet-gcdump {string.Join(' ', arguments)} failed ({process.ExitCode}): {text}{await error}");
        }

        return text;
    }
}
