using System.Diagnostics;
using System.Net.WebSockets;
using Invorto.Realtime;
using Invorto.Realtime.Authentication;
using Invorto.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Invorto.Hosts.Tests.Realtime;

/// <summary>
/// The telephony media sockets before they authenticate (spec §5.2, §5.3), on a real Kestrel host whose limits are
/// shortened (<see cref="RealtimeEdgeOptions"/>: 5 s and 32 in production): silence closes with 4401 after the timeout,
/// one address may hold only so many waiting sockets (4429 beyond), and malformed metadata closes with 4400.
/// </summary>
[Collection(ApiRateLimitTests.Name)]
public sealed class TelephonySocketEdgeTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(600);
    private const int Cap = 4;
    private TestDatabase _database = null!;
    private KestrelRealtimeHost _realtime = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _realtime = await KestrelRealtimeHost.StartAsync(
            new Dictionary<string, string?>
            {
                ["DB_URL"] = _database.ConnectionString,
                ["REDIS_URL"] = TestServers.RedisUrl,
                ["MIGRATE_ON_START"] = "true",
                ["REALTIME_WS_SECRET"] = HostsFixture.RealtimeSecret,
                ["REALTIME_API_KEY"] = HostsFixture.RealtimeOperationsKey,
            },
            services => services.Configure<RealtimeEdgeOptions>(edge =>
            {
                edge.AuthenticationTimeout = Timeout;
                edge.MaxUnauthenticatedPerAddress = Cap;
            }));
    }

    public async Task DisposeAsync()
    {
        await _realtime.DisposeAsync();
        await _database.DisposeAsync();
    }

    private Task<VoiceClient> ConnectAsync(string path) => VoiceClient.ConnectAsync(_realtime.WebSocketUri(path));

    [Theory]
    [InlineData("/realtime/jambonz")]
    [InlineData("/realtime/twilio")]
    public async Task A_socket_that_never_authenticates_is_closed_with_4401_after_the_timeout(string path)
    {
        var watch = Stopwatch.StartNew();
        await using var silent = await ConnectAsync(path);

        (await silent.ClosedWithAsync()).ShouldBe(4401);
        watch.Elapsed.ShouldBeGreaterThanOrEqualTo(Timeout - TimeSpan.FromMilliseconds(50));
        await NoneWaitingAsync();
    }

    [Fact]
    public async Task Twilio_connected_events_do_not_extend_the_timeout()
    {
        await using var chatty = await ConnectAsync("/realtime/twilio");
        using var stop = new CancellationTokenSource();

        var sending = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested && chatty.Socket.State == WebSocketState.Open)
            {
                await chatty.SendTextAsync("""{"event":"connected"}""");
                await Task.Delay(50);
            }
        });
        var code = await chatty.ClosedWithAsync();
        await stop.CancelAsync();
        await sending.WaitAsync(VoiceClient.Patience).ContinueWith(_ => { }, TaskScheduler.Default);

        code.ShouldBe(4401);
    }

    [Theory]
    [InlineData("/realtime/jambonz")]
    [InlineData("/realtime/twilio")]
    public async Task Unauthenticated_sockets_beyond_the_per_address_cap_are_closed_with_4429(string path)
    {
        var waiting = await Task.WhenAll(Enumerable.Range(0, Cap).Select(_ => ConnectAsync(path)));
        try
        {
            await Eventually.ReturnsAsync(() => Task.FromResult(Limiter.OpenFrom(System.Net.IPAddress.Loopback)), open => open == Cap, VoiceClient.Patience);
            await using var over = await ConnectAsync(path);

            (await over.ClosedWithAsync()).ShouldBe(4429);
            waiting.ShouldAllBe(client => client.CloseCode == null || client.CloseCode == 4401);
            foreach (var client in waiting)
            {
                (await client.ClosedWithAsync()).ShouldBe(4401);
            }
        }
        finally
        {
            foreach (var client in waiting)
            {
                await client.DisposeAsync();
            }
        }

        await NoneWaitingAsync();
    }

    [Theory]
    [InlineData("[1,2,3]")]
    [InlineData("\"metadata\"")]
    [InlineData("42")]
    [InlineData("{\"sampleRate\":\"16000\",\"invortoCallId\":\"00000000-0000-0000-0000-000000000001\"}")]
    [InlineData("{\"sampleRate\":1e400}")]
    [InlineData("{\"sampleRate\":99999999999999999999999}")]
    [InlineData("{\"invortoCallId\":5,\"tenantId\":[],\"agentId\":{}}")]
    [InlineData("{\"token\":{\"exp\":1}}")]
    [InlineData("{\"sampleRate\":16000,")]
    public async Task Malformed_jambonz_metadata_is_closed_with_4400(string metadata)
    {
        await using var client = await ConnectAsync("/realtime/jambonz");

        await client.SendTextAsync(metadata);

        (await client.ClosedWithAsync()).ShouldBe(4400);
    }

    [Theory]
    [InlineData("{\"event\":\"start\",\"start\":5}")]
    [InlineData("{\"event\":\"start\",\"start\":{\"streamSid\":\"MZ1\",\"customParameters\":\"x\"}}")]
    [InlineData("{\"event\":\"start\",\"start\":{\"streamSid\":7,\"customParameters\":{}}}")]
    [InlineData("{\"event\":\"start\",\"start\":{\"streamSid\":\"MZ1\",\"customParameters\":{\"invortoCallId\":5}}}")]
    [InlineData("[\"start\"]")]
    [InlineData("{\"event\":5}")]
    public async Task Malformed_twilio_start_is_closed_with_4400(string start)
    {
        await using var client = await ConnectAsync("/realtime/twilio");

        await client.SendTextAsync(start);

        (await client.ClosedWithAsync()).ShouldBe(4400);
    }

    [Theory]
    [InlineData("/realtime/jambonz", "{{\"sampleRate\":16000,\"invortoCallId\":\"{0}\",\"tenantId\":\"{1}\",\"agentId\":\"{2}\",\"token\":\"{3}\"}}")]
    [InlineData("/realtime/twilio", "{{\"event\":\"start\",\"start\":{{\"streamSid\":\"MZ1\",\"customParameters\":{{\"invortoCallId\":\"{0}\",\"tenantId\":\"{1}\",\"agentId\":\"{2}\",\"token\":\"{3}\"}}}}}}")]
    public async Task A_token_whose_exp_overflows_is_closed_with_4401(string path, string format)
    {
        var (callId, tenantId, agentId) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var token = $"{callId:N}.{tenantId:N}.{agentId:N}.99999999999999999.AAAAAAAAAAAAAAAAAAAAAA";
        await using var client = await ConnectAsync(path);

        await client.SendTextAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, callId, tenantId, agentId, token));

        (await client.ClosedWithAsync()).ShouldBe(4401);
    }

    private UnauthenticatedSocketLimiter Limiter => _realtime.App.Services.GetRequiredService<UnauthenticatedSocketLimiter>();

    private async Task NoneWaitingAsync() =>
        await Eventually.ReturnsAsync(() => Task.FromResult(Limiter.OpenFrom(System.Net.IPAddress.Loopback)), open => open == 0, VoiceClient.Patience);
}
