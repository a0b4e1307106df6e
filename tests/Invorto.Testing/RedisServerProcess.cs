using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Invorto.Testing;

/// <summary>
/// A throwaway <c>redis-server</c> on a loopback port (no persistence), for tests that need a Redis of their own:
/// one they can stop mid-test and start again on the same port.
/// </summary>
public sealed class RedisServerProcess : IDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(15);

    private readonly string _directory;
    private readonly string _pidFile;

    private RedisServerProcess(int port, string directory)
    {
        Port = port;
        _directory = directory;
        _pidFile = Path.Combine(directory, "redis.pid");
    }

    public int Port { get; }

    /// <summary>host:port, a StackExchange.Redis configuration string.</summary>
    public string EndPoint => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public static RedisServerProcess Start()
    {
        var directory = Directory.CreateTempSubdirectory("invorto-redis-").FullName;
        var server = new RedisServerProcess(FreePort(), directory);
        server.Restart();
        server.StartWatchdog();
        return server;
    }

    /// <summary>Starts the server again on the same port (after <see cref="Kill"/>) and waits until it answers PING.</summary>
    public void Restart()
    {
        var start = new ProcessStartInfo("redis-server")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "--daemonize", "yes", "--bind", "127.0.0.1", "--port", Port.ToString(CultureInfo.InvariantCulture),
            "--save", string.Empty, "--appendonly", "no", "--pidfile", _pidFile, "--dir", _directory,
            "--logfile", Path.Combine(_directory, "redis.log"),
        })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var launcher = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
            launcher.WaitForExit();
            if (launcher.ExitCode != 0)
            {
                throw new InvalidOperationException($"redis-server exited with {launcher.ExitCode}: {launcher.StandardError.ReadToEnd()}{launcher.StandardOutput.ReadToEnd()}");
            }
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException(
                "redis-server is not on PATH. Install it (apt-get install -y redis-server) or set REDIS_URL to a running server.", ex);
        }

        WaitUntilReady();
    }

    /// <summary>Kills the server (SIGKILL, as a crash would) and waits until it is gone.</summary>
    public void Kill()
    {
        if (!File.Exists(_pidFile))
        {
            return;
        }

        var pid = int.Parse(File.ReadAllText(_pidFile).Trim(), CultureInfo.InvariantCulture);
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (ArgumentException)
        {
            // Already gone.
        }

        WaitUntilGone(pid);
        File.Delete(_pidFile);
    }

    public void Dispose()
    {
        Kill();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    // A test host that is killed (or crashes) runs no finalizer or exit handler; this shell outlives it and kills
    // the server then. It stops by itself once the server is disposed (its folder is gone).
    private void StartWatchdog()
    {
        var script =
            $"while kill -0 {Environment.ProcessId} 2>/dev/null && [ -d '{_directory}' ]; do sleep 1; done; " +
            $"if [ -f '{_pidFile}' ]; then kill -9 \"$(cat '{_pidFile}')\" 2>/dev/null; fi; rm -rf '{_directory}'";
        var start = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            // Redirected so the watchdog does not hold the test runner's output pipes open.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        Process.Start(start)?.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // The daemon is not our child, and Process.WaitForExit polls slowly for strangers; /proc answers at once
    // (a zombie has closed its sockets already, which is all a restart on the same port needs).
    private static void WaitUntilGone(int pid)
    {
        var waited = Stopwatch.StartNew();
        var stat = $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat";
        while (waited.Elapsed < ReadyTimeout)
        {
            try
            {
                var fields = File.ReadAllText(stat);
                if (fields[(fields.LastIndexOf(')') + 2)..].StartsWith('Z'))
                {
                    return;
                }
            }
            catch (IOException)
            {
                return;
            }

            Thread.Sleep(10);
        }

        throw new TimeoutException($"redis-server {pid} did not exit within {ReadyTimeout}.");
    }

    private void WaitUntilReady()
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                var stream = client.GetStream();
                stream.Write("PING\r\n"u8);
                var buffer = new byte[16];
                var read = stream.Read(buffer);
                if (Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal) && File.Exists(_pidFile))
                {
                    return;
                }
            }
            catch (SocketException) when (waited.Elapsed < ReadyTimeout)
            {
                // Not listening yet.
            }

            if (waited.Elapsed >= ReadyTimeout)
            {
                throw new TimeoutException($"redis-server on port {Port} did not answer PING within {ReadyTimeout}.");
            }

            Thread.Sleep(20);
        }
    }
}
