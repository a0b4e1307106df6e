using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;

namespace Invorto.Bench.Realtime;

/// <summary>
/// The client end of one benchmark call over a real WebSocket (the realtime client protocol): connects and sends
/// <c>start</c>, runs the receive loop that hands every message to the session with its arrival time (a message's
/// continuation frames are skipped), sends the session's frames without ever queueing two (a send still in flight skips
/// the tick), and ends the call with <c>end</c> or a close.
/// </summary>
public sealed class BenchVoiceSocket : IDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly byte[] _receiveBuffer = new byte[16 * 1024];
    private readonly MessageHandler _onBinary;
    private readonly MessageHandler _onText;
    private readonly Action _onReceiveEnded;
    private Task _receiveLoop = Task.CompletedTask;
    private Task? _pendingSend;

    /// <param name="onReceiveEnded">Called once the receive loop has ended, however it ended.</param>
    public BenchVoiceSocket(string? subProtocol, MessageHandler onBinary, MessageHandler onText, Action onReceiveEnded)
    {
        _onBinary = onBinary;
        _onText = onText;
        _onReceiveEnded = onReceiveEnded;
        if (subProtocol is { Length: > 0 })
        {
            _socket.Options.AddSubProtocol(subProtocol);
        }

        _socket.Options.KeepAliveInterval = TimeSpan.Zero;
    }

    /// <summary>Handles one received message (its first frame); <paramref name="receivedAt"/> is a <see cref="Stopwatch"/> timestamp.</summary>
    public delegate void MessageHandler(long receivedAt, ReadOnlySpan<byte> message);

    public bool Broken { get; private set; }

    public bool RemoteClosed { get; private set; }

    public int? ServerCloseCode { get; private set; }

    public long SendSkips { get; private set; }

    public async Task ConnectAsync(Uri url, string agentId, int sampleRate, CancellationToken cancellationToken)
    {
        await _socket.ConnectAsync(url, cancellationToken);
        _receiveLoop = ReceiveLoopAsync();
        var start = $$"""{"t":"start","agentId":"{{agentId}}","sampleRate":{{sampleRate}}}""";
        await _socket.SendAsync(Encoding.UTF8.GetBytes(start), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
    }

    /// <summary>False when the socket is broken or closed, or the previous frame is still being sent (the tick is skipped and counted).</summary>
    public bool ReadyToSend()
    {
        if (Broken || RemoteClosed)
        {
            return false;
        }

        if (_pendingSend is { } pending)
        {
            if (!pending.IsCompleted)
            {
                SendSkips++;
                return false;
            }

            _pendingSend = null;
            if (!pending.IsCompletedSuccessfully)
            {
                Broken = true;
                return false;
            }
        }

        return true;
    }

    /// <summary>Sends one binary frame (after <see cref="ReadyToSend"/>); false when the socket broke.</summary>
    public bool Send(ReadOnlyMemory<byte> frame)
    {
        try
        {
            var send = _socket.SendAsync(frame, WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None);
            if (send.IsCompleted)
            {
                send.GetAwaiter().GetResult();
            }
            else
            {
                _pendingSend = send.AsTask();
            }

            return true;
        }
        catch (Exception ex) when (ex is WebSocketException or InvalidOperationException or ObjectDisposedException or IOException)
        {
            Broken = true;
            return false;
        }
    }

    /// <summary>Ends the call (after the sender has stopped): <c>end</c> (or a close), then waits for the server to close.</summary>
    public async Task CloseAsync(bool sendEnd, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            if (_pendingSend is { } pending)
            {
                await pending.WaitAsync(cts.Token);
            }

            if (_socket.State == WebSocketState.Open)
            {
                if (sendEnd)
                {
                    await _socket.SendAsync("""{"t":"end","reason":"client"}"""u8.ToArray(), WebSocketMessageType.Text, endOfMessage: true, cts.Token);
                }
                else
                {
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bench", cts.Token);
                }
            }

            await _receiveLoop.WaitAsync(cts.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException or WebSocketException or InvalidOperationException or IOException)
        {
            _socket.Abort();
        }
    }

    public void Dispose() => _socket.Dispose();

    private async Task ReceiveLoopAsync()
    {
        var continuation = false;
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveAsync(_receiveBuffer.AsMemory(), CancellationToken.None);
                var now = Stopwatch.GetTimestamp();
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    RemoteClosed = true;
                    ServerCloseCode = (int?)_socket.CloseStatus;
                    if (_socket.State == WebSocketState.CloseReceived)
                    {
                        await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    }

                    return;
                }

                if (!continuation)
                {
                    var message = _receiveBuffer.AsSpan(0, result.Count);
                    if (result.MessageType == WebSocketMessageType.Binary)
                    {
                        _onBinary(now, message);
                    }
                    else
                    {
                        _onText(now, message);
                    }
                }

                continuation = !result.EndOfMessage;
            }
        }
        catch (Exception ex) when (ex is WebSocketException or InvalidOperationException or ObjectDisposedException or OperationCanceledException or IOException)
        {
            RemoteClosed = true;
        }
        finally
        {
            _onReceiveEnded();
        }
    }
}
