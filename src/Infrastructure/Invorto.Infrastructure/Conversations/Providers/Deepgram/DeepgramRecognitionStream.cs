using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using Invorto.Application.Audio;
using Invorto.Application.Conversations.Providers;
using Microsoft.Extensions.Logging;

namespace Invorto.Infrastructure.Conversations.Providers.Deepgram;

/// <summary>
/// One call's Deepgram listen stream. <see cref="Write"/> copies the caller's audio into a byte-bounded queue and
/// returns (beyond <see cref="DeepgramListenSettings.MaxBufferedAudio"/> it drops and counts); a single sender loop
/// drains the queue into binary frames, with a <c>KeepAlive</c> when no audio flows; a receive loop turns
/// <c>Results</c> into partial and final results. Disposal sends <c>CloseStream</c>, waits briefly for the last
/// results and closes the socket with a close handshake. A failure (refused upgrade, dropped socket, early close)
/// completes <see cref="Results"/> with a <see cref="ProviderException"/>, which the reader's
/// <c>ReadAllAsync</c>/<c>WaitToReadAsync</c> throws: that is how the engine learns that recognition has ended.
/// </summary>
internal sealed partial class DeepgramRecognitionStream : IRecognitionStream
{
    private const int ReceiveBufferBytes = 16 * 1024;
    private const int MaxMessageBytes = 1024 * 1024;

    private readonly Uri _uri;
    private readonly string? _apiKey;
    private readonly DeepgramListenSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Guid _callId;
    private readonly DeepgramListenOutbox _outbox;
    private readonly Channel<RecognitionResult> _results = Channel.CreateUnbounded<RecognitionResult>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _abort = new();
    private readonly Task _run;
    private long _sentAudioBytes;
    private long _sentAudioFrames;
    private int _dropLogged;
    private int _disposed;
    private volatile bool _closing;
    private volatile bool _ended;

    public DeepgramRecognitionStream(Uri uri, string? apiKey, RecognitionOptions options, DeepgramListenSettings settings, TimeProvider time, ILogger logger)
    {
        _uri = uri;
        _apiKey = apiKey;
        _settings = settings;
        _time = time;
        _logger = logger;
        _callId = options.CallId;
        _outbox = new DeepgramListenOutbox(Pcm16.BytesPerFrame(options.SampleRate, Math.Max(1, (int)settings.MaxBufferedAudio.TotalMilliseconds)));
        if (!DeepgramListenFailures.IsUsableKey(apiKey))
        {
            _ended = true;
            _results.Writer.TryComplete(DeepgramListenFailures.NoKey());
            _run = Task.CompletedTask;
            return;
        }

        _run = Task.Run(RunAsync);
    }

    public ChannelReader<RecognitionResult> Results => _results.Reader;

    /// <summary>Audio that did not fit the buffer (a slow connect or a stalled socket) and was dropped.</summary>
    public long DroppedBytes => _outbox.DroppedAudioBytes;

    /// <summary>Audio written to the socket.</summary>
    public long SentAudioBytes => Interlocked.Read(ref _sentAudioBytes);

    public void Write(ReadOnlySpan<byte> pcm16)
    {
        if (pcm16.IsEmpty || _ended || Volatile.Read(ref _disposed) != 0)
        {
            return;
        }

        if (!_outbox.TryAddAudio(pcm16) && Interlocked.Exchange(ref _dropLogged, 1) == 0)
        {
            LogDroppingAudio(_logger, _callId, (int)_settings.MaxBufferedAudio.TotalMilliseconds);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _closing = true;
        _outbox.AddControl(DeepgramListenMessage.CloseStream);
        _outbox.Complete();

        // The run closes by itself within these waits; the extra second covers sending what is still queued.
        var budget = _settings.FinalResultsTimeout + _settings.CloseHandshakeTimeout + TimeSpan.FromSeconds(1);
        try
        {
            await _run.WaitAsync(budget, _time);
        }
        catch (TimeoutException)
        {
            await _abort.CancelAsync();
            await _run;
        }

        _abort.Dispose();
    }

    private static async Task QuietlyAsync(Task? task)
    {
        if (task is null)
        {
            return;
        }

        try
        {
            await task;
        }
        catch (Exception)
        {
            // Already ended or already reported: this task only needs to be finished.
        }
    }

    private async Task RunAsync()
    {
        ProviderException? failure = null;
        var socket = new ClientWebSocket();
        using var stopSending = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token);
        Task<ServerClose>? receiving = null;
        Task? sending = null;
        Task? keepingAlive = null;
        try
        {
            await ConnectAsync(socket);
            LogConnected(_logger, _callId);
            receiving = ReceiveAsync(socket, _abort.Token);
            sending = SendAsync(socket, stopSending.Token);
            keepingAlive = KeepAliveAsync(stopSending.Token);
            if (await Task.WhenAny(receiving, sending) == sending)
            {
                await sending;
                await FinishAsync(socket, receiving);
            }
            else
            {
                var close = await receiving;
                if (!_closing)
                {
                    failure = DeepgramListenFailures.ClosedEarly(close.Status, close.Reason);
                }

                await TryRespondToCloseAsync(socket);
            }
        }
        catch (ProviderException exception)
        {
            failure = _abort.IsCancellationRequested ? null : exception;
        }
        catch (JsonException exception)
        {
            failure = _closing ? null : DeepgramListenFailures.Unreadable(exception);
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            // Disposal stopped waiting for Deepgram.
        }
        catch (Exception exception)
        {
            // WebSocketException and IOException in practice: the connection went away under us.
            failure = _closing ? null : DeepgramListenFailures.Dropped(exception);
        }
        finally
        {
            _ended = true;
            await stopSending.CancelAsync();
            if (socket.State is not (WebSocketState.Closed or WebSocketState.None))
            {
                socket.Abort();
            }

            await QuietlyAsync(sending);
            await QuietlyAsync(keepingAlive);
            await QuietlyAsync(receiving);
            socket.Dispose();
            _outbox.DiscardAll();
            Complete(failure);
        }
    }

    private void Complete(ProviderException? failure)
    {
        if (failure is null)
        {
            LogClosed(_logger, _callId, SentAudioBytes, DroppedBytes);
            _results.Writer.TryComplete();
            return;
        }

        LogFailed(_logger, _callId, failure.Kind, failure.Message, failure.InnerException);
        _results.Writer.TryComplete(failure);
    }

    private async Task ConnectAsync(ClientWebSocket socket)
    {
        socket.Options.SetRequestHeader("Authorization", "Token " + _apiKey);
        socket.Options.CollectHttpResponseDetails = true;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token);
        timeout.CancelAfter(_settings.ConnectTimeout);
        try
        {
            await socket.ConnectAsync(_uri, timeout.Token);
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException && timeout.IsCancellationRequested && !_abort.IsCancellationRequested)
        {
            throw DeepgramListenFailures.ConnectTimedOut(_settings.ConnectTimeout);
        }
        catch (WebSocketException exception)
        {
            throw DeepgramListenFailures.UpgradeRefused((int)socket.HttpStatusCode, exception);
        }
    }

    /// <summary>CloseStream is out: Deepgram flushes its last results, sends Metadata and closes; if it does not, we close.</summary>
    private async Task FinishAsync(ClientWebSocket socket, Task<ServerClose> receiving)
    {
        if (await CompletesWithinAsync(receiving, _settings.FinalResultsTimeout))
        {
            await receiving;
            await RespondToCloseAsync(socket);
            return;
        }

        using var handshake = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token);
        handshake.CancelAfter(_settings.CloseHandshakeTimeout);
        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", handshake.Token);
        if (!await CompletesWithinAsync(receiving, _settings.CloseHandshakeTimeout))
        {
            LogCloseHandshakeTimedOut(_logger, _callId);
            socket.Abort();
        }
    }

    private async Task RespondToCloseAsync(ClientWebSocket socket)
    {
        if (socket.State != WebSocketState.CloseReceived)
        {
            return;
        }

        using var handshake = CancellationTokenSource.CreateLinkedTokenSource(_abort.Token);
        handshake.CancelAfter(_settings.CloseHandshakeTimeout);
        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", handshake.Token);
    }

    /// <summary>Answers the server's close frame when it can; the stream's outcome is already decided.</summary>
    private async Task TryRespondToCloseAsync(ClientWebSocket socket)
    {
        try
        {
            await RespondToCloseAsync(socket);
        }
        catch (Exception exception) when (exception is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            LogCloseHandshakeTimedOut(_logger, _callId);
        }
    }

    private async Task<bool> CompletesWithinAsync(Task task, TimeSpan timeout)
    {
        try
        {
            await task.WaitAsync(timeout, _time, _abort.Token);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private async Task SendAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        while (await _outbox.WaitToTakeAsync(cancellationToken))
        {
            while (_outbox.TryTake(out var frame))
            {
                if (frame.Audio is null)
                {
                    await socket.SendAsync(frame.Json, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
                    continue;
                }

                try
                {
                    await socket.SendAsync(frame.Audio.AsMemory(0, frame.Length), WebSocketMessageType.Binary, endOfMessage: true, cancellationToken);
                }
                finally
                {
                    frame.Release();
                }

                Interlocked.Add(ref _sentAudioBytes, frame.Length);
                Interlocked.Increment(ref _sentAudioFrames);
            }
        }
    }

    /// <summary>Queues a KeepAlive on every tick in which no audio was sent or waiting, so Deepgram never sees 10 s of nothing.</summary>
    private async Task KeepAliveAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_settings.KeepAliveInterval, _time);
        var framesAtLastTick = Interlocked.Read(ref _sentAudioFrames);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            var frames = Interlocked.Read(ref _sentAudioFrames);
            if (frames == framesAtLastTick && _outbox.QueuedAudioBytes == 0)
            {
                _outbox.AddControl(DeepgramListenMessage.KeepAlive);
            }

            framesAtLastTick = frames;
        }
    }

    private async Task<ServerClose> ReceiveAsync(WebSocket socket, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ReceiveBufferBytes);
        var message = new ArrayBufferWriter<byte>(ReceiveBufferBytes);
        try
        {
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer.AsMemory(), cancellationToken);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    return new ServerClose(socket.CloseStatus, socket.CloseStatusDescription);
                }

                if (received.MessageType != WebSocketMessageType.Text)
                {
                    continue;
                }

                if (message.WrittenCount + received.Count > MaxMessageBytes)
                {
                    throw new JsonException($"A Deepgram message is larger than {MaxMessageBytes} bytes.");
                }

                message.Write(buffer.AsSpan(0, received.Count));
                if (received.EndOfMessage)
                {
                    Handle(message.WrittenSpan);
                    message.ResetWrittenCount();
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Handle(ReadOnlySpan<byte> json)
    {
        switch (DeepgramListenMessage.TypeOf(json))
        {
            case DeepgramListenMessage.Results:
                if (DeepgramListenMessage.ReadResult(json) is { } result)
                {
                    _results.Writer.TryWrite(result);
                }

                break;
            case DeepgramListenMessage.Metadata:
                LogMetadata(_logger, _callId, DeepgramListenMessage.ReadMetadata(json)?.RequestId);
                break;
            case DeepgramListenMessage.UtteranceEnd or DeepgramListenMessage.SpeechStarted:
                // Finals are forwarded as they come and endpointing runs on our side; these events carry no words.
                break;
            case var other:
                LogUnknownMessage(_logger, _callId, other);
                break;
        }
    }

    private readonly record struct ServerClose(WebSocketCloseStatus? Status, string? Reason);
}
