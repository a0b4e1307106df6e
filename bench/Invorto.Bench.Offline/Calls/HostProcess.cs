using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Invorto.Bench.Offline.Calls;

/// <summary>
/// A host under test as a child process (<c>dotnet &lt;dll&gt;</c> on 127.0.0.1, optionally pinned to one core with
/// <c>taskset</c>), its output in a log file, started when its <c>/health</c> answers and killed on dispose.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly string _logPath;

    private HostProcess(Process process, StreamWriter log, string logPath, int port)
    {
        _process = process;
        _log = log;
        _logPath = logPath;
        Port = port;
    }

    public int Port { get; }

    public int Pid => _process.Id;

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}");

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<HostProcess> StartAsync(string dll, IReadOnlyDictionary<string, string?> environment, int? core, string logPath, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(core is null ? "dotnet" : "taskset");
        if (core is not null)
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(core.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            start.ArgumentList.Add("dotnet");
        }

        start.ArgumentList.Add(dll);
        start.UseShellExecute = false;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        foreach (var (name, value) in environment)
        {
            Set(start, name, value);
        }

        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{dll} did not start.");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new HostProcess(process, log, logPath, port);
        try
        {
            await host.WaitHealthyAsync(cancellationToken);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    /// <summary>Runs <c>dotnet &lt;dll&gt; args</c> to its end and returns its standard output.</summary>
    public static async Task<string> RunToEndAsync(string dll, IEnumerable<string> args, IReadOnlyDictionary<string, string?> environment, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            Set(start, name, value);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{dll} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{dll} {string.Join(' ', start.ArgumentList.Skip(1))} exited with {process.ExitCode}: {await errors}{await output}");
        }

        return await output;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        await _log.DisposeAsync();
    }

    /// <summary>A null value removes the variable the bench itself may have inherited.</summary>
    private static void Set(ProcessStartInfo start, string name, string? value)
    {
        if (value is null)
        {
            start.Environment.Remove(name);
        }
        else
        {
            start.Environment[name] = value;
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }

    private async Task WaitHealthyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.GetTimestamp() + (60 * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with {_process.ExitCode} before it was healthy; its log ends:\n{LogTail()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseUrl, "/health"), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException($"The host was not healthy after 60 s; its log ends:\n{LogTail()}");
    }

    private string LogTail()
    {
        lock (_log)
        {
            using var reader = new StreamReader(new FileStream(_logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            return string.Join('\n', reader.ReadToEnd().Split('\n').TakeLast(30));
        }
    }
}
