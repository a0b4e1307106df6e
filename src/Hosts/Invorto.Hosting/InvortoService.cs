namespace Invorto.Hosting;

/// <summary>One of the four deployable services: its name in logs and metrics, and the port the runbook gives it.</summary>
public sealed record InvortoService(string Name, int DefaultPort)
{
    public static readonly InvortoService Api = new("api", 8080);
    public static readonly InvortoService Realtime = new("realtime", 8081);
    public static readonly InvortoService Webhooks = new("webhooks", 8082);
    public static readonly InvortoService Telephony = new("telephony", 8085);

    public static string Version { get; } =
        typeof(InvortoService).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
