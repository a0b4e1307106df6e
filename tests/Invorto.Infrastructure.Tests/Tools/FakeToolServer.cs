using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Invorto.Infrastructure.Tests.Tools;

/// <summary>
/// A tool's HTTP server on 127.0.0.1 (a random port, plain http): every connection is counted and every request recorded
/// (method, the request target as sent, headers, body) before the route's handler answers. Routes not mapped answer 404.
/// </summary>
internal sealed class FakeToolServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _connections;

    private FakeToolServer(WebApplication app) => _app = app;

    public ConcurrentQueue<ToolRequest> Requests { get; } = new();

    /// <summary>TCP connections accepted, whether or not a request followed.</summary>
    public int Connections => Volatile.Read(ref _connections);

    public int Port { get; private set; }

    public static async Task<FakeToolServer> StartAsync(Action<WebApplication> routes)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        FakeToolServer? fake = null;
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Use(next => connection =>
        {
            Interlocked.Increment(ref fake!._connections);
            return next(connection);
        })));
        var app = builder.Build();
        fake = new FakeToolServer(app);
        app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            using var reader = new StreamReader(context.Request.Body, leaveOpen: true);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            context.Request.Body.Position = 0;
            fake.Requests.Enqueue(new ToolRequest(
                context.Request.Method,
                context.Features.Get<IHttpRequestFeature>()!.RawTarget,
                context.Request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body));
            await next(context);
        });
        routes(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.Port = new Uri(address).Port;
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public sealed record ToolRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body);
}
