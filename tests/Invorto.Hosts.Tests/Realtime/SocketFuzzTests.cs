using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Invorto.Domain.Agents;
using Invorto.Domain.Calls;
using Invorto.Domain.Tenants;
using Invorto.Infrastructure.Persistence;
using Invorto.Infrastructure.Realtime;
using Invorto.Realtime;
using Invorto.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Invorto.Hosts.Tests.Realtime;

/// <summary>
/// Random frames on the three media sockets of a real Kestrel host, sixteen sockets at a time: every socket ends with a
/// close frame whose code is in the §5.1 table (never 1011, never a dropped connection), the host stays healthy and no
/// session is left open. Half the sockets authenticate (a valid listen token, or the canary's <c>start</c>), so the fuzz
/// reaches the in-call loop; a quarter open with a handshake that looks right but is not. The seed is printed; set <c>INVORTO_FUZZ_SEED</c> to replay a run. One code outside the table is
/// allowed, only to a socket that sent a text frame that is not UTF-8: 1007, which the WebSocket layer (RFC 6455 §8.1)
/// sends itself before the application sees the frame.
/// </summary>
[Collection(ApiRateLimitTests.Name)]
public sealed class SocketFuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Sockets = 200;
    private const int AtOnce = 16;
    private const int MinFramesPerSocket = 5;
    private const int MaxFramesPerSocket = 10;
    private static readonly int[] TableCodes = [1000, 1008, 1009, 1011, 4400, 4401, 4404, 4409, 4429, 4503];
    private const int InvalidPayloadData = 1007;
    private static readonly TimeSpan SocketPatience = TimeSpan.FromSeconds(20);
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly ConcurrentDictionary<int, int> _codes = new();
    private TestDatabase _database = null!;
    private KestrelRealtimeHost _realtime = null!;
    private Guid _tenantId;
    private Guid _agentId;
    private int _frames;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _realtime = await KestrelRealtimeHost.StartAsync(new Dictionary<string, string?>
        {
            ["DB_URL"] = _database.ConnectionString,
            ["REDIS_URL"] = TestServers.RedisUrl,
            ["MIGRATE_ON_START"] = "true",
            ["REALTIME_WS_SECRET"] = HostsFixture.RealtimeSecret,
            ["REALTIME_API_KEY"] = HostsFixture.RealtimeOperationsKey,
            ["REALTIME_CONNECTS_PER_SEC"] = "10000",
        });
        await using var scope = _realtime.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InvortoDbContext>();
        var tenant = Tenant.Create(Guid.CreateVersion7(), "fuzz", DateTimeOffset.UtcNow);
        tenant.ChangeLimits(null, 1000);
        var agent = Agent.Create(Guid.CreateVersion7(), tenant.Id, "Fuzz agent", """{"prompt":"You are a test agent."}""", DateTimeOffset.UtcNow);
        db.AddRange(tenant, agent);
        await db.SaveChangesAsync();
        (_tenantId, _agentId) = (tenant.Id, agent.Id);
    }

    public async Task DisposeAsync()
    {
        await _realtime.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public Task Random_frames_on_the_client_voice_socket_always_end_with_a_close_code_of_the_table() =>
        FuzzAsync("/realtime/voice", 64 * 1024, FuzzFrames.Client, FuzzFrames.ClientHandshakes, ClientHandshakeAsync);

    [Fact]
    public Task Random_frames_on_the_jambonz_socket_always_end_with_a_close_code_of_the_table() =>
        FuzzAsync("/realtime/jambonz", 16 * 1024, FuzzFrames.Jambonz, FuzzFrames.JambonzHandshakes, JambonzHandshakeAsync);

    [Fact]
    public Task Random_frames_on_the_twilio_socket_always_end_with_a_close_code_of_the_table() =>
        FuzzAsync("/realtime/twilio", 64 * 1024, FuzzFrames.Twilio, FuzzFrames.TwilioHandshakes, TwilioHandshakeAsync);

    private async Task FuzzAsync(string path, int maxMessageBytes, (WebSocketMessageType, string)[] wellFormed, string[] brokenHandshakes, Func<Random, Func<string, Task>, Task> handshake)
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("INVORTO_FUZZ_SEED"), out var fixedSeed) ? fixedSeed : Random.Shared.Next();
        output.WriteLine($"{path}: seed {seed} (INVORTO_FUZZ_SEED={seed} replays it)");
        using var slots = new SemaphoreSlim(AtOnce, AtOnce);
        var sockets = Enumerable.Range(0, Sockets).Select(async n =>
        {
            await slots.WaitAsync();
            try
            {
                await OneSocketAsync(path, n, new Random(unchecked(seed + (n * 104_729))), maxMessageBytes, wellFormed, brokenHandshakes, handshake);
            }
            catch (Exception exception)
            {
                _failures.Enqueue($"socket {n}: {exception.GetType().Name}: {exception.Message}");
            }
            finally
            {
                slots.Release();
            }
        });
        await Task.WhenAll(sockets);

        output.WriteLine($"{_frames} frames on {Sockets} sockets; close codes: {string.Join(", ", _codes.OrderBy(c => c.Key).Select(c => $"{c.Key}×{c.Value}"))}");
        _failures.ShouldBeEmpty($"seed {seed}");
        _frames.ShouldBeGreaterThanOrEqualTo(1000);
        _codes.Keys.ShouldAllBe(code => (TableCodes.Contains(code) || code == InvalidPayloadData) && code != 1011, $"seed {seed}");
        (await _realtime.Client.GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var sessions = _realtime.App.Services.GetRequiredService<RealtimeSessions>();
        await Eventually.ReturnsAsync(() => Task.FromResult(sessions.Count), count => count == 0, TimeSpan.FromSeconds(30));
    }

    private async Task OneSocketAsync(string path, int n, Random random, int maxMessageBytes, (WebSocketMessageType, string)[] wellFormed, string[] brokenHandshakes, Func<Random, Func<string, Task>, Task> handshake)
    {
        using var socket = new ClientWebSocket();
        if (path == "/realtime/voice")
        {
            socket.Options.AddSubProtocol(HostsFixture.RealtimeOperationsKey);
        }

        using var patience = new CancellationTokenSource(SocketPatience);
        await socket.ConnectAsync(_realtime.WebSocketUri(path), patience.Token);
        var receiving = DrainAsync(socket, patience.Token);
        var frames = new FuzzFrames(random, wellFormed);
        var sentNonUtf8 = false;
        try
        {
            Task Send(string text) => socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, patience.Token);
            switch (random.Next(4))
            {
                case 0 or 1:
                    await handshake(random, Send);
                    break;
                case 2:
                    await Send(brokenHandshakes[random.Next(brokenHandshakes.Length)]);
                    Interlocked.Increment(ref _frames);
                    break;
                default:
                    break;
            }

            var count = random.Next(MinFramesPerSocket, MaxFramesPerSocket + 1);
            for (var i = 0; i < count && socket.State == WebSocketState.Open; i++)
            {
                var (type, payload) = frames.Next(maxMessageBytes, binaryAudio: path != "/realtime/twilio");
                sentNonUtf8 |= type == WebSocketMessageType.Text && !System.Text.Unicode.Utf8.IsValid(payload);
                await socket.SendAsync(payload, type, true, patience.Token);
                Interlocked.Increment(ref _frames);
            }

            if (socket.State == WebSocketState.Open)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "fuzz done", patience.Token);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or IOException)
        {
            // The server closed while we were sending; what matters is the close frame it sent.
        }

        var dropped = await receiving;
        if (socket.CloseStatus is not { } status)
        {
            _failures.Enqueue($"socket {n} on {path}: no close frame ({dropped ?? "state " + socket.State})");
            return;
        }

        _codes.AddOrUpdate((int)status, 1, (_, total) => total + 1);
        var allowed = TableCodes.Contains((int)status) || (sentNonUtf8 && (int)status == InvalidPayloadData);
        if (!allowed || (int)status == 1011)
        {
            _failures.Enqueue($"socket {n} on {path}: closed with {(int)status} {socket.CloseStatusDescription}");
        }
    }

    /// <summary>Reads until the server's close; returns why no close frame came, or null.</summary>
    private static async Task<string?> DrainAsync(ClientWebSocket socket, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var buffer = new byte[64 * 1024];
        try
        {
            while ((await socket.ReceiveAsync(buffer.AsMemory(), cancellationToken)).MessageType != WebSocketMessageType.Close)
            {
            }

            return null;
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or IOException)
        {
            return exception.GetType().Name + ": " + exception.Message;
        }
    }

    private static async Task ClientHandshakeAsync(Random random, Func<string, Task> send) =>
        await send("""{"t":"start","agentId":"canary-agent"}""");

    private async Task JambonzHandshakeAsync(Random random, Func<string, Task> send)
    {
        var callId = await NewCallAsync("jambonz");
        var token = _realtime.App.Services.GetRequiredService<ListenToken>().Mint(callId, _tenantId, _agentId);
        await send(JsonSerializer.Serialize(new { sampleRate = random.Next(2) == 0 ? 8000 : 16000, callSid = "sid-fuzz", invortoCallId = callId.ToString(), tenantId = _tenantId.ToString(), agentId = _agentId.ToString(), token }));
    }

    private async Task TwilioHandshakeAsync(Random random, Func<string, Task> send)
    {
        var callId = await NewCallAsync("twilio");
        var token = _realtime.App.Services.GetRequiredService<ListenToken>().Mint(callId, _tenantId, _agentId);
        await send("""{"event":"connected","protocol":"Call","version":"1.0.0"}""");
        await send(JsonSerializer.Serialize(new
        {
            @event = "start",
            streamSid = "MZ-fuzz",
            start = new
            {
                streamSid = "MZ-fuzz",
                callSid = "CA-fuzz",
                customParameters = new { invortoCallId = callId.ToString(), tenantId = _tenantId.ToString(), agentId = _agentId.ToString(), token },
            },
        }));
    }

    private async Task<Guid> NewCallAsync(string provider)
    {
        await using var scope = _realtime.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InvortoDbContext>();
        var call = Call.PlaceOutbound(Guid.CreateVersion7(), _tenantId, _agentId, 1, "+14155550100", "+14155550101", provider, null, DateTimeOffset.UtcNow);
        db.Add(call);
        await db.SaveChangesAsync();
        return call.Id;
    }
}
