using System.Buffers;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;

namespace Invorto.Realtime.Transports;

/// <summary>
/// One accepted WebSocket: sends serialised by one gate (a socket allows one send at a time, and the pacer, the engine
/// and the receive loop all send), whole-message receives bounded by a size limit, and a close that never throws. The
/// receive buffer starts small and grows to the limit only for a message that needs it: a 64 KB buffer per socket was a
/// young-generation object that every new session left for the next collection to copy. The pooled buffer goes back to
/// the pool only when no receive is writing into it. Sends after the close are dropped.
/// </summary>
public sealed class SocketConnection : IAsyncDisposable
{
    /// <summary>How long a send the caller gave up on may still finish before the socket is aborted under it.</summary>
    public static readonly TimeSpan AbandonedSendGrace = TimeSpan.FromSeconds(1);
    /// <summary>
    /// What a socket's receive buffer starts with: a 20 ms frame at 16 kHz (640 bytes), a Twilio media message or a
    /// control event fits; a larger message grows it, and a buffer grown past <see cref="RetainedReceiveBytes"/> by one
    /// large message goes back to this size before the next receive.
    /// </summary>
    public const int InitialReceiveBytes = 1024;

    /// <summary>The largest receive buffer a socket keeps between messages (a client streaming 100 ms chunks at 48 kHz fits).</summary>
    public const int RetainedReceiveBytes = 16 * 1024;
    /// <summary>How long disposing waits for a pending receive (the far end's answer to our close) before aborting the socket.</summary>
    public static readonly TimeSpan PendingReceiveGrace = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan PendingReceivePoll = TimeSpan.FromMilliseconds(10);

    private readonly SemaphoreSlim _sending = new(1, 1);
    private byte[] _buffer;
    private long _lastReceived = Environment.TickCount64;
    private int _receiving;
    private Task? _abandonedReceive;

    public SocketConnection(WebSocket socket, int maxMessageBytes)
    {
        Socket = socket;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Min(maxMessageBytes, InitialReceiveBytes));
    }

    public WebSocket Socket { get; }

    /// <summary>The last received message; valid until the next receive.</summary>
    public ReadOnlyMemory<byte> Message { get; private set; }

    public long LastReceivedTicks => Interlocked.Read(ref _lastReceived);

    public bool IsOpen => Socket.State == WebSocketState.Open;

    /// <summary>
    /// Checked under the send gate, which the close holds too: once our close frame is out, what the engine still sends
    /// (a frame, an event) is dropped instead of failing the session.
    /// </summary>
    private bool CanSend => Socket.State is WebSocketState.Open or WebSocketState.CloseReceived;

    private bool IsReceiving => Volatile.Read(ref _receiving) != 0;

    public ValueTask SendAsync(ReadOnlyMemory<byte> payload, WebSocketMessageType type, CancellationToken cancellationToken)
    {
        if (_sending.Wait(0, CancellationToken.None))
        {
            if (!CanSend)
            {
                _sending.Release();
                return ValueTask.CompletedTask;
            }

            ValueTask sending;
            try
            {
                sending = Socket.SendAsync(payload, type, endOfMessage: true, CancellationToken.None);
            }
            catch
            {
                _sending.Release();
                throw;
            }

            if (sending.IsCompletedSuccessfully)
            {
                sending.GetAwaiter().GetResult();
                _sending.Release();
                return ValueTask.CompletedTask;
            }

            return ReleaseAfterAsync(sending, cancellationToken);
        }

        return SendSlowAsync(payload, type, cancellationToken);
    }

    /// <summary>Receives one whole message of at most <paramref name="limit"/> bytes; null when it is larger.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<WebSocketMessageType?> ReceiveAsync(int limit, CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _receiving, 1) != 0)
        {
            throw new InvalidOperationException("A receive is already pending on this socket.");
        }

        try
        {
            if (_buffer.Length > RetainedReceiveBytes)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = ArrayPool<byte>.Shared.Rent(Math.Min(limit, InitialReceiveBytes));
            }

            var count = 0;
            while (true)
            {
                if (count >= limit)
                {
                    return null;
                }

                if (count == _buffer.Length)
                {
                    Grow(Math.Min(limit, count * 2));
                }

                var result = await Socket.ReceiveAsync(_buffer.AsMemory(count, Math.Min(limit, _buffer.Length) - count), cancellationToken);
                count += result.Count;
                if (result.MessageType == WebSocketMessageType.Close || result.EndOfMessage)
                {
                    Interlocked.Exchange(ref _lastReceived, Environment.TickCount64);
                    Message = _buffer.AsMemory(0, count);
                    return result.MessageType;
                }
            }
        }
        finally
        {
            Volatile.Write(ref _receiving, 0);
        }
    }

    /// <summary>
    /// Receives like <see cref="ReceiveAsync"/> but stops waiting after <paramref name="timeout"/> without cancelling
    /// the receive: a cancelled WebSocket receive aborts the socket, and then no close frame could tell the far end why.
    /// After a timeout the receive stays pending; close the socket, and disposing waits for it.
    /// </summary>
    public async Task<TimedReceive> ReceiveWithinAsync(int limit, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var receiving = ReceiveAsync(limit, cancellationToken).AsTask();
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var expiry = Task.Delay(timeout, timer.Token);
        if (await Task.WhenAny(receiving, expiry) == receiving)
        {
            await timer.CancelAsync();
            return new TimedReceive(TimedOut: false, await receiving);
        }

        _abandonedReceive = receiving;
        return new TimedReceive(TimedOut: true, Type: null);
    }

    private void Grow(int size)
    {
        var grown = ArrayPool<byte>.Shared.Rent(size);
        _buffer.CopyTo(grown, 0);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = grown;
    }

    public async Task CloseAsync(WebSocketCloseStatus status, string reason, CancellationToken cancellationToken)
    {
        await _sending.WaitAsync(cancellationToken);
        try
        {
            if (Socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await Socket.CloseOutputAsync(status, reason, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The far end is already gone.
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>
    /// Returns the receive buffer to the pool only once no receive can write into it: a pending receive gets
    /// <see cref="PendingReceiveGrace"/> to see the far end's close, then the socket is aborted under it. A receive that
    /// outlives even that keeps its buffer, which the garbage collector reclaims.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (!IsReceiving && Socket.State == WebSocketState.CloseSent)
        {
            await AwaitFarEndCloseAsync();
        }

        if (IsReceiving && !await ReceiveEndsWithinAsync(PendingReceiveGrace))
        {
            Socket.Abort();
            await ReceiveEndsWithinAsync(AbandonedSendGrace);
        }

        if (_abandonedReceive is { } abandoned)
        {
            // Its outcome (usually the far end's close or the abort) is of no interest; observing it keeps it out of the unobserved-exception log.
            _ = abandoned.ContinueWith(static task => _ = task.Exception, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        if (!IsReceiving)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _sending.Dispose();
    }

    /// <summary>Completes the close handshake we started: reads (and drops) what the far end still sends until its close.</summary>
    private async Task AwaitFarEndCloseAsync()
    {
        using var patience = new CancellationTokenSource(PendingReceiveGrace);
        try
        {
            while (await ReceiveAsync(_buffer.Length, patience.Token) != WebSocketMessageType.Close)
            {
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException or InvalidOperationException)
        {
            // Gone without answering: nothing more to wait for.
        }
    }

    private async Task<bool> ReceiveEndsWithinAsync(TimeSpan grace)
    {
        var deadline = Environment.TickCount64 + (long)grace.TotalMilliseconds;
        while (IsReceiving && Environment.TickCount64 < deadline)
        {
            await Task.Delay(PendingReceivePoll, CancellationToken.None);
        }

        return !IsReceiving;
    }

    /// <summary>
    /// The caller's token never reaches the WebSocket: a cancelled send aborts it, and then the session cannot say goodbye
    /// or close cleanly. A send the caller gave up on may finish; one still stuck after the grace aborts the socket.
    /// </summary>
    private async ValueTask ReleaseAfterAsync(ValueTask sending, CancellationToken cancellationToken)
    {
        var pending = sending.AsTask();
        try
        {
            await using (cancellationToken.Register(static state => AbortIfStuck(((WebSocket, Task))state!), (Socket, pending)))
            {
                await pending;
            }
        }
        finally
        {
            _sending.Release();
        }
    }

    private static void AbortIfStuck((WebSocket Socket, Task Pending) send) =>
        _ = send.Pending.WaitAsync(AbandonedSendGrace).ContinueWith(
            static (waited, socket) => ((WebSocket)socket!).Abort(),
            send.Socket,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    private async ValueTask SendSlowAsync(ReadOnlyMemory<byte> payload, WebSocketMessageType type, CancellationToken cancellationToken)
    {
        await _sending.WaitAsync(cancellationToken);
        if (!CanSend)
        {
            _sending.Release();
            return;
        }

        ValueTask sending;
        try
        {
            sending = Socket.SendAsync(payload, type, endOfMessage: true, CancellationToken.None);
        }
        catch
        {
            _sending.Release();
            throw;
        }

        await ReleaseAfterAsync(sending, cancellationToken);
    }
}
