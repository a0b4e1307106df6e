// Container health probe.
//
// The runtime images are chiseled (no shell, no curl, no wget), so Docker's HEALTHCHECK and the
// ECS container health check run this with the .NET runtime the image already carries:
//
//   dotnet /healthprobe/HealthProbe.dll [url]
//
// url defaults to http://127.0.0.1:<first port of ASPNETCORE_HTTP_PORTS, else 8080>/health.
// Exit code 0 when the endpoint answers 2xx within the timeout (HEALTHPROBE_TIMEOUT_SEC, default 4),
// 1 otherwise, with the reason on stderr (Docker keeps it in `docker inspect` health logs).

using System.Globalization;

var url = args.Length > 0 ? args[0] : DefaultUrl();
var timeout = TimeSpan.FromSeconds(TimeoutSeconds());

using var cts = new CancellationTokenSource(timeout);
using var handler = new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false };
using var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };

try
{
    using var response = await client.GetAsync(new Uri(url), HttpCompletionOption.ResponseHeadersRead, cts.Token);
    if (response.IsSuccessStatusCode)
    {
        return 0;
    }

    await Console.Error.WriteLineAsync($"unhealthy: GET {url} -> {(int)response.StatusCode}");
    return 1;
}
catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or UriFormatException)
{
    await Console.Error.WriteLineAsync($"unhealthy: GET {url} -> {ex.GetType().Name}: {ex.Message}");
    return 1;
}

static string DefaultUrl()
{
    var ports = Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS");
    var port = string.IsNullOrWhiteSpace(ports)
        ? "8080"
        : ports.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
    return $"http://127.0.0.1:{port}/health";
}

static double TimeoutSeconds()
{
    var raw = Environment.GetEnvironmentVariable("HEALTHPROBE_TIMEOUT_SEC");
    return double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
        ? seconds
        : 4;
}
