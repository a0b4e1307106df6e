using System.Diagnostics.Metrics;
using Invorto.Hosting;
using Invorto.Infrastructure;
using Invorto.Realtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Invorto.Hosts.Tests.Realtime;

/// <summary>
/// A Realtime host composed like production on a real Kestrel (loopback, a free port), for tests that need real
/// WebSockets: a client that drops its TCP connection, or many connections at once. Its meters are its own.
/// </summary>
public sealed class KestrelRealtimeHost : IAsyncDisposable
{
    private readonly EmbeddedServices _embedded;

    private KestrelRealtimeHost(WebApplication app, EmbeddedServices embedded, Uri baseUri)
    {
        App = app;
        _embedded = embedded;
        BaseUri = baseUri;
        Client = new HttpClient { BaseAddress = baseUri };
    }

    public WebApplication App { get; }

    /// <summary>The host's address, <c>http://127.0.0.1:port/</c>.</summary>
    public Uri BaseUri { get; }

    public HttpClient Client { get; }

    /// <param name="environment">The host's settings; without <c>CONVERSATION_PROVIDERS</c> it runs the scripted providers.</param>
    /// <param name="services">Replaces services or options after the production composition (edge limits, timeouts).</param>
    public static async Task<KestrelRealtimeHost> StartAsync(IDictionary<string, string?> environment, Action<IServiceCollection>? services = null)
    {
        var embedded = new EmbeddedServices();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(environment.ContainsKey("CONVERSATION_PROVIDERS")
            ? environment
            : new Dictionary<string, string?>(environment) { ["CONVERSATION_PROVIDERS"] = "scripted" });
        builder.Configuration.AddInMemoryCollection([new KeyValuePair<string, string?>("urls", "http://127.0.0.1:0")]);
        builder.AddRealtimeService(embedded);
        builder.Services.AddSingleton<IMeterFactory, IsolatedMeterFactory>();
        services?.Invoke(builder.Services);
        var app = builder.Build();
        try
        {
            app.MapRealtimeService();
            await app.MigrateIfConfiguredAsync();
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            embedded.Dispose();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new KestrelRealtimeHost(app, embedded, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    /// <summary>The WebSocket address of <paramref name="pathAndQuery"/> on this host.</summary>
    public Uri WebSocketUri(string pathAndQuery) => new($"ws://{BaseUri.Authority}{pathAndQuery}");

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        _embedded.Dispose();
    }
}
