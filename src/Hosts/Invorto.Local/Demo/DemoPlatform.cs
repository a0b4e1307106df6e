using Invorto.Application.Conversations.Providers;
using Invorto.Hosting;
using Invorto.Infrastructure;
using Invorto.Infrastructure.Conversations.Providers.Espeak;
using Invorto.Infrastructure.Conversations.Providers.PocketSphinx;

namespace Invorto.Local.Demo;

/// <summary>
/// The four services as the launcher runs them (embedded mode: SQLite, in-process substitutes for Redis), isolated for
/// the demo: a data directory of their own in the temp folder (removed on dispose), free loopback ports, no
/// <c>DB_URL</c>/<c>REDIS_URL</c> from the environment, and private tool targets allowed in this process only.
/// </summary>
internal sealed class DemoPlatform : IAsyncDisposable
{
    public const string InstallHint = "sudo apt-get install espeak-ng libespeak-ng1 libpocketsphinx3 pocketsphinx-en-us";

    private readonly EmbeddedServices _embedded;
    private readonly List<(InvortoService Service, WebApplication App)> _services;

    private DemoPlatform(string dataDirectory, EmbeddedServices embedded, List<(InvortoService Service, WebApplication App)> services)
    {
        DataDirectory = dataDirectory;
        _embedded = embedded;
        _services = services;
    }

    public string DataDirectory { get; }

    public WebApplication Api => _services[0].App;

    public Uri ApiBase => new(Api.Urls.First());

    public Uri RealtimeVoice => new UriBuilder(_services[1].App.Urls.First()) { Scheme = "ws", Path = "/realtime/voice" }.Uri;

    public IEnumerable<(InvortoService Service, string Url)> Addresses => _services.Select(entry => (entry.Service, entry.App.Urls.First()));

    /// <param name="compose">Added to each service's composition; null for none.</param>
    public static async Task<DemoPlatform> StartAsync(Action<WebApplicationBuilder>? compose, CancellationToken cancellationToken)
    {
        if (!EspeakSynthesizer.IsInstalled())
        {
            throw new DemoFailedException($"eSpeak NG (libespeak-ng.so.1) is not installed; the demo speaks with it. Install the offline speech packages: {InstallHint}");
        }

        var dataDirectory = Directory.CreateTempSubdirectory("invorto-demo-").FullName;
        var embedded = new EmbeddedServices(sharedAcrossServices: true);
        var services = LocalServices.Build([], embedded, _ => "http://127.0.0.1:0", Settings(dataDirectory), compose);
        var platform = new DemoPlatform(dataDirectory, embedded, services);
        try
        {
            RequirePocketSphinx(services[1].App);
            await services[0].App.MigrateIfConfiguredAsync(cancellationToken);
            foreach (var (_, app) in services)
            {
                await app.StartAsync(cancellationToken);
            }

            return platform;
        }
        catch
        {
            await platform.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, app) in _services)
        {
            try
            {
                await app.StopAsync(CancellationToken.None);
            }
            catch (InvalidOperationException)
            {
                // Never started.
            }

            await app.DisposeAsync();
        }

        _embedded.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder; nothing else uses it.
        }
    }

    private static Dictionary<string, string?> Settings(string dataDirectory) => new()
    {
        ["INVORTO_DATA_DIR"] = dataDirectory,
        ["DB_URL"] = null,
        ["REDIS_URL"] = null,
        ["ARTIFACTS_PATH"] = null,
        ["MIGRATE_ON_START"] = "true",
        ["CONVERSATION_PROVIDERS"] = "agent",
        ["WEBHOOK_ALLOW_PRIVATE_TARGETS"] = "true",
        ["Serilog:MinimumLevel:Override:Invorto"] = "Error",
        ["Serilog:MinimumLevel:Override:Microsoft"] = "Error",
        ["Serilog:MinimumLevel:Override:System"] = "Error",
        ["Serilog:MinimumLevel:Override:Hangfire"] = "Error",
        ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore.DataProtection"] = "Error",
    };

    private static void RequirePocketSphinx(WebApplication realtime)
    {
        try
        {
            realtime.Services.GetRequiredService<PocketSphinxModel>().EnsureInstalled();
        }
        catch (ProviderException exception)
        {
            throw new DemoFailedException($"PocketSphinx is not ready ({exception.Message}); the demo recognizes the caller with it. Install the offline speech packages: {InstallHint}");
        }
    }
}
