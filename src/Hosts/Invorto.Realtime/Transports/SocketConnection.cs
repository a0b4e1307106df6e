using System.Buffers;
using System.Net.WebSockets;
using System.Runtime.CompilerServices;

namespace Invorto.Realtime.Transports;

/// <summary>
/// One accepted WebSocket: sends serialised by one gate (a socket allows one send at a time, and the pacer, the engine
/// and the receive loop all send), whole-message receives bounded by a size limit, and a close that never throws. The
/// receive buffer starts small and grows to the limit only for a message that needs it: a 64 KB buffer per socket was a
/// young-generation object that every new session left for the next collection to copy.
/// </summary>
public sealed class SocketConnection : IDisposable
{
    /// <summary>How long a send the caller gave up on may still finish before the socket is aborted under it.</summary>
    public static readonly TimeSpan AbandonedSendGrace = TimeSpan.FromSeconds(1);
    /// <summary>What a socket's receive buffer starts with: a 20 ms frame or a control event fits many times over.</summary>
    public const int InitialReceiveBytes = 4096;

    private readonly SemaphoreSlim _sending = new(1, 1);
    private byte[] _buffer;
    private long _lastReceived = Environment.TickCount64;

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

    public ValueTask SendAsync(ReadOnlyMemory<byte> payload, WebSocketMessageType type, CancellationToken cancellationToken)
    {
        if (_sending.Wait(0, CancellationToken.None))
        {
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

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _sending.Dispose();
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
