using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Invorto.Testing.Providers;

/// <summary>
/// Deepgram's streaming <c>/v1/listen</c> endpoint as a real WebSocket server on 127.0.0.1 (a random port). It checks
/// the <c>Authorization: Token</c> header (401 otherwise, as Deepgram answers), records every upgrade's query, and hands
/// each accepted socket to the test as a <see cref="FakeDeepgramListenConnection"/> that counts audio, records
/// <c>KeepAlive</c>/<c>CloseStream</c> and sends Deepgram's own JSON when the test says so. It can refuse upgrades with
/// any status, hold them until released (a slow server), stall reading, and stay silent after <c>CloseStream</c>.
/// </summary>
public sealed class FakeDeepgramListenServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<FakeDeepgramListenConnection> _connections = Channel.CreateUnbounded<FakeDeepgramListenConnection>();
    private readonly ConcurrentBag<FakeDeepgramListenConnection> _all = [];
    private readonly TaskCompletionSource _upgradeRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource? _upgradeGate;

    private FakeDeepgramListenServer(WebApplication app, string apiKey)
    {
        _app = app;
        ApiKey = apiKey;
    }

    public string ApiKey { get; }

    /// <summary>The server's origin as a <c>ws://</c> URL, what <c>DEEPGRAM_BASE_URL</c> would hold.</summary>
    public string BaseUrl => _app.Urls.First().Replace("http://", "ws://", StringComparison.Ordinal);

    /// <summary>Every upgrade request, accepted or not: its query string and Authorization header.</summary>
    public ConcurrentQueue<RecordedUpgrade> Upgrades { get; } = new();

    /// <summary>When set, every upgrade with a valid key is refused with this HTTP status.</summary>
    public int? RefuseWithStatus { get; set; }

    /// <summary>When true, new connections do not read from the socket until <see cref="FakeDeepgramListenConnection.ResumeReading"/>.</summary>
    public bool StallReading { get; set; }

    /// <summary>
    /// Deepgram's answer to <c>CloseStream</c> (true): send <see cref="FakeDeepgramListenConnection.ResultsOnCloseStream"/>,
    /// a <c>Metadata</c> message and close with 1000. False: ignore it and wait for the client to close.
    /// </summary>
    public bool AnswerCloseStream { get; set; } = true;

    /// <summary>Completes when the first upgrade request arrives (also when it is held or refused).</summary>
    public Task UpgradeRequested => _upgradeRequested.Task;

    public static async Task<FakeDeepgramListenServer> StartAsync(string apiKey = "dg-test-key")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeDeepgramListenServer(app, apiKey);
        app.UseWebSockets();
        app.Map("/v1/listen", fake.HandleAsync);
        await app.StartAsync();
        return fake;
    }

    /// <summary>Holds every upgrade (valid key) until <see cref="ReleaseUpgrades"/>: a server slow to accept.</summary>
    public void HoldUpgrades() => _upgradeGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void ReleaseUpgrades() => _upgradeGate?.TrySetResult();

    /// <summary>The next accepted socket, in order of acceptance.</summary>
    public async Task<FakeDeepgramListenConnection> NextConnectionAsync(TimeSpan? timeout = null) =>
        await _connections.Reader.ReadAsync().AsTask().WaitAsync(timeout ?? TimeSpan.FromSeconds(10));

    public async ValueTask DisposeAsync()
    {
        ReleaseUpgrades();
        foreach (var connection in _all)
        {
            connection.ResumeReading();
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        Upgrades.Enqueue(new RecordedUpgrade(context.Request.Query.ToDictionary(pair => pair.Key, pair => pair.Value.ToString()), authorization));
        _upgradeRequested.TrySetResult();
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (authorization != "Token " + ApiKey)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.Response.WriteAsJsonAsync(new { err_code = "INVALID_AUTH", err_msg = "Invalid credentials.", request_id = Guid.NewGuid() });
            return;
        }

        if (RefuseWithStatus is { } status)
        {
            context.Response.StatusCode = status;
            await context.Response.WriteAsJsonAsync(new { err_code = "REFUSED", err_msg = "Refused by the fake.", request_id = Guid.NewGuid() });
            return;
        }

        if (_upgradeGate is { } gate)
        {
            await gate.Task.WaitAsync(context.RequestAborted);
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = new FakeDeepgramListenConnection(socket, context, StallReading, AnswerCloseStream);
        _all.Add(connection);
        _connections.Writer.TryWrite(connection);
        await connection.RunAsync();
    }

    public sealed record RecordedUpgrade(IReadOnlyDictionary<string, string> Query, string Authorization);
}
