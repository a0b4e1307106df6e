namespace Invorto.Local.Demo;

/// <summary>Where the demo writes its audio, and how long the whole run may take.</summary>
/// <param name="Compose">Added to each service's composition (a test host isolating the platform's meters from its own).</param>
public sealed record DemoSettings(string OutputDirectory, TimeSpan Timeout, Action<WebApplicationBuilder>? Compose = null)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(90);

    /// <summary><c>&lt;INVORTO_DATA_DIR or ./data&gt;/demo/&lt;UTC timestamp&gt;</c>, next to the launcher's own data.</summary>
    public static DemoSettings Default(DateTimeOffset now) => new(
        Path.GetFullPath(Path.Combine(
            Environment.GetEnvironmentVariable("INVORTO_DATA_DIR") is { Length: > 0 } data ? data : "data",
            "demo",
            now.UtcDateTime.ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture))),
        DefaultTimeout);
}
