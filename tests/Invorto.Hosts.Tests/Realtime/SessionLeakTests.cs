using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using Invorto.Application.Conversations.Engine;
using Invorto.Infrastructure.Conversations.Scripted;
using Invorto.Realtime;
using Invorto.Testing;
using Invorto.Testing.Conversations;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Invorto.Hosts.Tests.Realtime;

/// <summary>
/// The leak check of issue 11: a thousand short canary calls over real WebSockets, fifty at a time, half ended with
/// <c>end</c> and half dropped; afterwards nothing is left open (sessions, provider streams, engines, pacer slots) and
/// managed memory has not grown with the number of calls. Runs alone on a Realtime host of its own.
/// </summary>
[Collection(ApiRateLimitTests.Name)]
public sealed class SessionLeakTests : IAsyncLifetime
{
    private const int Calls = 1000;
    private const int WarmUpCalls = 100;
    private const int AtOnce = 50;
    private const long MemoryGrowthBound = 30 * 1024 * 1024;
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(30);
    private static readonly byte[] StartMessage = """{"t":"start","agentId":"canary-agent"}"""u8.ToArray();
    private static readonly byte[] EndMessage = """{"t":"end"}"""u8.ToArray();
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly ITestOutputHelper _output;
    private TestDatabase _database = null!;
    private KestrelRealtimeHost _realtime = null!;
    private int _ready;
    private int _heardAgent;

    public SessionLeakTests(ITestOutputHelper output) => _output = output;

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
    }

    public async Task DisposeAsync()
    {
        await _realtime.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_thousand_short_calls_leave_no_session_stream_engine_or_memory_behind()
    {
        await RunCallsAsync(0, WarmUpCalls);
        await AllClosedAsync();
        var afterWarmUp = ManagedMemory();

        await RunCallsAsync(WarmUpCalls, Calls - WarmUpCalls);
        await AllClosedAsync();
        var afterAll = ManagedMemory();

        _output.WriteLine($"managed memory after {WarmUpCalls} calls: {afterWarmUp:N0} bytes, after {Calls}: {afterAll:N0} bytes");
        _failures.ShouldBeEmpty();
        _ready.ShouldBe(Calls);
        _heardAgent.ShouldBeGreaterThan(0);
        (afterAll - afterWarmUp).ShouldBeLessThan(MemoryGrowthBound, $"managed memory went from {afterWarmUp:N0} to {afterAll:N0} bytes");
    }

    private static long ManagedMemory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private async Task AllClosedAsync()
    {
        var services = _realtime.App.Services;
        var sessions = services.GetRequiredService<RealtimeSessions>();
        var providers = services.GetRequiredService<ScriptedProviderCounters>();
        var engines = services.GetRequiredService<ConversationMetrics>();
        var pacer = services.GetRequiredService<AudioPacer>();
        await Eventually.ReturnsAsync(() => Task.FromResult(sessions.Count), count => count == 0, Settle);
        await Eventually.ReturnsAsync(() => Task.FromResult(providers.Open), open => open == 0, Settle);
        await Eventually.ReturnsAsync(() => Task.FromResult(engines.Live), live => live == 0, Settle);
        await Eventually.ReturnsAsync(() => Task.FromResult(pacer.Count), count => count == 0, Settle);
    }

    private async Task RunCallsAsync(int first, int count)
    {
        using var slots = new SemaphoreSlim(AtOnce, AtOnce);
        var calls = Enumerable.Range(first, count).Select(async n =>
        {
            await slots.WaitAsync();
            try
            {
                await OneCallAsync(n);
            }
            catch (Exception exception)
            {
                _failures.Enqueue($"call {n}: {exception.GetType().Name}: {exception.Message}");
            }
            finally
            {
                slots.Release();
            }
        });
        await Task.WhenAll(calls);
    }

    /// <summary>Starts the canary, sends 300 ms of speech and 200 ms of silence as fast as the socket takes them, waits up to 3 s for agent audio, then ends or drops the call.</summary>
    private async Task OneCallAsync(int n)
    {
        using var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(HostsFixture.RealtimeOperationsKey);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await socket.ConnectAsync(new Uri($"ws://{_realtime.BaseUri.Authority}/realtime/voice"), patience.Token);
        await socket.SendAsync(StartMessage, WebSocketMessageType.Text, true, patience.Token);
        var speech = CallerAudio.Speech(300);
        for (var offset = 0; offset < speech.Length; offset += 640)
        {
            await socket.SendAsync(speech.AsMemory(offset, 640), WebSocketMessageType.Binary, true, patience.Token);
        }

        var silence = CallerAudio.Silence(20);
        for (var i = 0; i < 10; i++)
        {
            await socket.SendAsync(silence, WebSocketMessageType.Binary, true, patience.Token);
        }

        var buffer = new byte[16 * 1024];
        using (var listening = CancellationTokenSource.CreateLinkedTokenSource(patience.Token))
        {
            listening.CancelAfter(TimeSpan.FromSeconds(3));
            if (await ReadUntilAgentAudioAsync(socket, buffer, listening.Token))
            {
                Interlocked.Increment(ref _heardAgent);
            }
        }

        if (n % 2 == 0 && socket.State == WebSocketState.Open)
        {
            await socket.SendAsync(EndMessage, WebSocketMessageType.Text, true, patience.Token);
            var sawEnd = false;
            try
            {
                ValueWebSocketReceiveResult result;
                while ((result = await socket.ReceiveAsync(buffer.AsMemory(), patience.Token)).MessageType != WebSocketMessageType.Close)
                {
                    sawEnd |= result.MessageType == WebSocketMessageType.Text && Encoding.UTF8.GetString(buffer, 0, result.Count).Contains("\"reason\":\"client\"", StringComparison.Ordinal);
                }
            }
            catch (WebSocketException exception) when (exception.WebSocketErrorCode == WebSocketError.ConnectionClosedPrematurely)
            {
                _failures.Enqueue($"call {n}: the connection dropped {(sawEnd ? "after" : "before")} the end message, without a close frame");
                return;
            }

            if (socket.CloseStatus != WebSocketCloseStatus.NormalClosure)
            {
                _failures.Enqueue($"call {n}: closed with {socket.CloseStatus} after end");
            }
        }
        else
        {
            socket.Abort();
        }
    }

    private async Task<bool> ReadUntilAgentAudioAsync(ClientWebSocket socket, byte[] buffer, CancellationToken cancellationToken)
    {
        var ready = false;
        try
        {
            while (true)
            {
                var count = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(count), cancellationToken);
                    count += result.Count;
                }
                while (!result.EndOfMessage);

                switch (result.MessageType)
                {
                    case WebSocketMessageType.Close:
                        return false;
                    case WebSocketMessageType.Binary:
                        return true;
                    default:
                        if (!ready && Encoding.UTF8.GetString(buffer, 0, count).Contains("\"t\":\"ready\"", StringComparison.Ordinal))
                        {
                            ready = true;
                            Interlocked.Increment(ref _ready);
                        }

                        break;
                }
            }
        }
        catch (OperationCanceledException) when (!socket.CloseStatus.HasValue)
        {
            return false;
        }
    }
}
