using System.Diagnostics.Metrics;
using Invorto.Api;
using Invorto.Hosting;
using Invorto.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Invorto.Hosts.Tests;

/// <summary>
/// One service composed exactly as its Program composes it (the same Add*Service/Map*Service calls),
/// on an in-memory server, with configuration given as the environment variables of the runbook.
/// </summary>
public sealed class TestHost : IAsyncDisposable
{
    private readonly EmbeddedServices _embedded;

    private TestHost(WebApplication app, EmbeddedServices embedded)
    {
        App = app;
        _embedded = embedded;
        Client = app.GetTestClient();
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public static async Task<TestHost> StartAsync(
        Action<WebApplicationBuilder, EmbeddedServices> compose,
        Action<WebApplication> map,
        IDictionary<string, string?> environment,
        string environmentName = "Testing")
    {
        var embedded = new EmbeddedServices();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environmentName });
        builder.Configuration.AddInMemoryCollection(environment);
        builder.WebHost.UseTestServer();
        compose(builder, embedded);
        var app = builder.Build();
        try
        {
            map(app);
            await app.MigrateIfConfiguredAsync();
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            embedded.Dispose();
            throw;
        }

        return new TestHost(app, embedded);
    }

    /// <summary>
    /// An Api host of a test's own, composed like production, with meters of its own so that its metrics never mix
    /// with the shared hosts' (tests using it join the non-parallel <see cref="ApiRateLimitTests.Name"/> collection).
    /// </summary>
    /// <param name="clock">Replaces the host's clock, e.g. so two hosts count in one rate-limit window no other test shares.</param>
    public static Task<TestHost> StartOwnApiAsync(IDictionary<string, string?> environment, string environmentName = "Testing", TimeProvider? clock = null) =>
        StartAsync(
            (builder, embedded) =>
            {
                builder.AddApiService(embedded);
                builder.Services.AddSingleton<IMeterFactory, IsolatedMeterFactory>();
                if (clock is not null)
                {
                    builder.Services.AddSingleton(clock);
                }
            },
            app => app.MapApiService(),
            environment,
            environmentName);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        _embedded.Dispose();
    }
}
