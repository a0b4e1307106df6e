using System.Buffers.Binary;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Invorto.Bench.RealtimeBaseline;

/// <summary>
/// One client of the baseline server: waits for <c>start</c>, answers <c>ready</c>, then is sent a 640-byte frame by its
/// timer wheel every 20 ms carrying the server's send timestamp (bytes 0–7) and the newest client timestamp (bytes 8–15);
/// client frames are read into one buffer and otherwise discarded.
/// </summary>
public sealed class BaselineSession
{
    private const int FrameBytes = 640;

    private readonly WebSocket _socket;
    private readonly byte[] _frame = new byte[FrameBytes];
    private Task? _pendingSend;
    private long _lastClientStamp;

    private BaselineSession(WebSocket socket) => _socket = socket;

    public static async Task RunAsync(HttpContext context, TimerWheels wheels)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        var offered = context.WebSockets.WebSocketRequestedProtocols;
        using var socket = await context.WebSockets.AcceptWebSocketAsync(offered.Count > 0 ? offered[0] : null);
        var session = new BaselineSession(socket);
        var buffer = new byte[4096];
        try
        {
            if (!await session.WaitForStartAsync(buffer, context.RequestAborted))
            {
                await socket.CloseAsync((WebSocketCloseStatus)4400, "start expected", context.RequestAborted);
                return;
            }

            var ready = Encoding.UTF8.GetBytes($$"""{"t":"ready","callId":"{{Guid.NewGuid()}}","sampleRate":16000}""");
            await socket.SendAsync(ready, WebSocketMessageType.Text, endOfMessage: true, context.RequestAborted);
            wheels.Add(session);
            try
            {
                await session.ReceiveUntilCloseAsync(buffer, context.RequestAborted);
            }
            finally
            {
                wheels.Remove(session);
            }

            if (socket.State == WebSocketState.CloseReceived)
            {
                if (session._pendingSend is { } pending)
                {
                    await pending.WaitAsync(TimeSpan.FromSeconds(2));
                }

                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, context.RequestAborted);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or TimeoutException or InvalidOperationException)
        {
        }
    }

    /// <summary>Sends this tick's frame (wheel thread only); a send still in flight skips the tick.</summary>
    public void SendFrame()
    {
        if (_pendingSend is { } pending)
        {
            if (!pending.IsCompleted)
            {
                return;
            }

            _pendingSend = null;
        }

        BinaryPrimitives.WriteInt64LittleEndian(_frame, Stopwatch.GetTimestamp());
        BinaryPrimitives.WriteInt64LittleEndian(_frame.AsSpan(8), Volatile.Read(ref _lastClientStamp));
        try
        {
            var send = _socket.SendAsync(_frame.AsMemory(), WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None);
            if (send.IsCompleted)
            {
                send.GetAwaiter().GetResult();
            }
            else
            {
                _pendingSend = send.AsTask();
            }
        }
        catch (Exception ex) when (ex is WebSocketException or InvalidOperationException or ObjectDisposedException or IOException)
        {
        }
    }

    private async Task<bool> WaitForStartAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        var result = await _socket.ReceiveAsync(buffer.AsMemory(), cancellationToken);
        return result.MessageType == WebSocketMessageType.Text && result.EndOfMessage && IsStart(buffer.AsSpan(0, result.Count));
    }

    private static bool IsStart(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("t"u8))
                {
                    return reader.Read() && reader.ValueTextEquals("start"u8);
                }
            }
        }
        catch (JsonException)
        {
        }

        return false;
    }

    private async Task ReceiveUntilCloseAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer.AsMemory(), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }

            if (result.MessageType == WebSocketMessageType.Binary && result.Count >= 8)
            {
                Volatile.Write(ref _lastClientStamp, BinaryPrimitives.ReadInt64LittleEndian(buffer));
            }
        }
    }
}
