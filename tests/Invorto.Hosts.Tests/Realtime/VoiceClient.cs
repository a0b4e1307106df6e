using System.Net.WebSockets;
using System.Text;
using Invorto.Testing;
using Microsoft.AspNetCore.TestHost;

namespace Invorto.Hosts.Tests.Realtime;

/// <summary>
/// A far end of one of the Realtime host's sockets over the test server: a receive loop records every message in
/// order (text and binary, and the close), and sends are serialised so a <see cref="Invorto.Testing.Conversations.LiveCaller"/>
/// and the test can both send.
/// </summary>
public sealed class VoiceClient : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly List<ReceivedMessage> _messages = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiving;

    private VoiceClient(WebSocket socket)
    {
        Socket = socket;
        _receiving = ReceiveAsync();
    }

    public WebSocket Socket { get; }

    /// <summary>Completes when the server closed the socket or it broke.</summary>
    public Task Closed => _receiving;

    public int? CloseCode => Socket.CloseStatus is { } status ? (int)status : null;

    public IReadOnlyList<ReceivedMessage> Messages
    {
        get
        {
            lock (_messages)
            {
                return [.. _messages];
            }
        }
    }

    public int AudioFrames => Messages.Count(m => m.Type == WebSocketMessageType.Binary);

    public static async Task<VoiceClient> ConnectAsync(TestHost host, string pathAndQuery, Action<WebSocketClient>? configure = null, CancellationToken cancellationToken = default)
    {
        var client = host.App.GetTestServer().CreateWebSocketClient();
        configure?.Invoke(client);
        var socket = await client.ConnectAsync(new Uri($"ws://localhost{pathAndQuery}"), cancellationToken);
        return new VoiceClient(socket);
    }

    /// <summary>Connects over a real network socket (a <see cref="KestrelRealtimeHost"/>).</summary>
    public static async Task<VoiceClient> ConnectAsync(Uri uri, Action<ClientWebSocketOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        var socket = new ClientWebSocket();
        try
        {
            configure?.Invoke(socket.Options);
            await socket.ConnectAsync(uri, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new VoiceClient(socket);
    }

    /// <summary>Records what arrives on a socket opened elsewhere (the Jambonz simulator's listen socket).</summary>
    public static VoiceClient Over(WebSocket socket) => new(socket);

    public IEnumerable<ReceivedMessage> OfKind(string kind) => Messages.Where(m => m.Kind == kind);

    public Task SendTextAsync(string text, CancellationToken cancellationToken = default) =>
        SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, cancellationToken).AsTask();

    public async ValueTask SendAsync(ReadOnlyMemory<byte> payload, WebSocketMessageType type, CancellationToken cancellationToken = default)
    {
        await _sending.WaitAsync(cancellationToken);
        try
        {
            if (Socket.State == WebSocketState.Open)
            {
                await Socket.SendAsync(payload, type, endOfMessage: true, cancellationToken);
            }
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>Waits until a message satisfying <paramref name="match"/> has arrived and returns the first one.</summary>
    public async Task<ReceivedMessage> WaitForAsync(Func<ReceivedMessage, bool> match, TimeSpan? timeout = null) =>
        (await Eventually.ReturnsAsync(() => Task.FromResult(Messages.FirstOrDefault(match)), found => found is not null, timeout ?? Patience))!;

    public Task<ReceivedMessage> WaitForKindAsync(string kind, int after = -1, TimeSpan? timeout = null) =>
        WaitForAsync(m => m.Index > after && m.Kind == kind, timeout);

    public Task UntilAsync(Func<VoiceClient, bool> condition, TimeSpan? timeout = null) =>
        Eventually.ReturnsAsync(() => Task.FromResult(condition(this)), done => done, timeout ?? Patience);

    /// <summary>Waits for the server's close; returns its code.</summary>
    public async Task<int?> ClosedWithAsync(TimeSpan? timeout = null)
    {
        await _receiving.WaitAsync(timeout ?? Patience);
        return CloseCode;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (Socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            Socket.Abort();
        }

        try
        {
            await _receiving;
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException)
        {
            // Aborted.
        }

        Socket.Dispose();
        _sending.Dispose();
        _stop.Dispose();
    }

    private async Task ReceiveAsync()
    {
        await Task.Yield();
        var buffer = new byte[128 * 1024];
        try
        {
            while (true)
            {
                var count = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (count == buffer.Length)
                    {
                        Array.Resize(ref buffer, buffer.Length * 2);
                    }

                    result = await Socket.ReceiveAsync(buffer.AsMemory(count), _stop.Token);
                    count += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                lock (_messages)
                {
                    _messages.Add(new ReceivedMessage(_messages.Count, result.MessageType, buffer.AsSpan(0, count).ToArray()));
                }

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The socket went away; Messages holds what arrived.
        }
    }
}
