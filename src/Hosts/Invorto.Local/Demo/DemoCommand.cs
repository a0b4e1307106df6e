namespace Invorto.Local.Demo;

/// <summary>
/// <c>dotnet run --project src/Hosts/Invorto.Local -- demo [--out &lt;folder&gt;]</c>: runs <see cref="DemoRunner"/> and
/// turns its outcome into an exit code (0 done, 1 failed with a message, 2 bad arguments).
/// </summary>
public static class DemoCommand
{
    public const string Name = "demo";

    public static bool IsCommand(string[] args) => args is [Name, ..];

    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        DemoSettings settings;
        switch (args)
        {
            case [Name]:
                settings = DemoSettings.Default(DateTimeOffset.UtcNow);
                break;
            case [Name, "--out", var folder]:
                settings = DemoSettings.Default(DateTimeOffset.UtcNow) with { OutputDirectory = Path.GetFullPath(folder) };
                break;
            default:
                await output.WriteLineAsync("Usage: Invorto.Local demo [--out <folder>]");
                return 2;
        }

        try
        {
            await DemoRunner.RunAsync(settings, output, cancellationToken);
            return 0;
        }
        catch (DemoFailedException exception)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync($"Demo failed: {exception.Message}");
            return 1;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await output.WriteLineAsync("Demo stopped.");
            return 1;
        }
        catch (Exception exception) when (exception is IOException or HttpRequestException or System.Net.WebSockets.WebSocketException or UnauthorizedAccessException)
        {
            await output.WriteLineAsync();
            await output.WriteLineAsync($"Demo failed: {exception.GetType().Name}: {exception.Message}");
            return 1;
        }
    }
}
