using System.Net.WebSockets;
using Invorto.Realtime.Transports;

namespace Invorto.Hosts.Tests.Realtime;

/// <summary>The socket wrapper's guarantees that no test client can provoke reliably: a pending receive and a send racing the close.</summary>
public sealed class SocketConnectionTests
{
    [Fact]
    public async Task Disposing_with_a_receive_pending_aborts_the_socket_and_waits_for_the_receive_to_end()
    {
        var socket = new HeldWebSocket();
        var connection = new SocketConnection(socket, 1024);
        var receiving = connection.ReceiveAsync(1024, CancellationToken.None).AsTask();

        await connection.DisposeAsync();

        socket.Aborted.ShouldBeTrue();
        receiving.IsCompleted.ShouldBeTrue("the buffer goes back to the pool only after the receive that writes into it has ended");
    }

    [Fact]
    public async Task A_receive_that_times_out_stays_pending_and_the_close_frame_can_still_be_sent()
    {
        var socket = new HeldWebSocket();
        var connection = new SocketConnection(socket, 1024);

        var received = await connection.ReceiveWithinAsync(1024, TimeSpan.FromMilliseconds(20), CancellationToken.None);
        await connection.CloseAsync((WebSocketCloseStatus)4401, "timeout", CancellationToken.None);

        received.TimedOut.ShouldBeTrue();
        socket.Aborted.ShouldBeFalse("a cancelled receive would have aborted the socket before the close");
        socket.SentClose.ShouldBe((WebSocketCloseStatus)4401);
        await connection.DisposeAsync();
    }

    [Fact]
    public async Task Sends_after_the_close_are_dropped_instead_of_failing()
    {
        var socket = new HeldWebSocket();
        var connection = new SocketConnection(socket, 1024);
        await connection.CloseAsync((WebSocketCloseStatus)4400, "bad_request", CancellationToken.None);

        await connection.SendAsync(new byte[640], WebSocketMessageType.Binary, CancellationToken.None);

        socket.Sends.ShouldBe(0);
        await connection.DisposeAsync();
    }

    /// <summary>A socket whose receives never complete until it is aborted.</summary>
    private sealed class HeldWebSocket : WebSocket
    {
        private readonly TaskCompletionSource _aborted = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private WebSocketState _state = WebSocketState.Open;

        public bool Aborted => _aborted.Task.IsCompleted;

        public WebSocketCloseStatus? SentClose { get; private set; }

        public int Sends { get; private set; }

        public override WebSocketCloseStatus? CloseStatus => null;

        public override string? CloseStatusDescription => null;

        public override WebSocketState State => _state;

        public override string? SubProtocol => null;

        public override void Abort()
        {
            _state = WebSocketState.Aborted;
            _aborted.TrySetResult();
        }

        public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
            CloseOutputAsync(closeStatus, statusDescription, cancellationToken);

        public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken)
        {
            SentClose = closeStatus;
            _state = WebSocketState.CloseSent;
            return Task.CompletedTask;
        }

        public override void Dispose()
        {
        }

        public override async Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken)
        {
            await _aborted.Task.WaitAsync(cancellationToken);
            throw new WebSocketException(WebSocketError.InvalidState, "aborted");
        }

        public override Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken)
        {
            Sends++;
            return Task.CompletedTask;
        }
    }
}
