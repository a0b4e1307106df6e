using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Invorto.Testing.Providers;

/// <summary>
/// One accepted listen socket of <see cref="FakeDeepgramListenServer"/>: counts the binary audio it receives, records
/// the client's JSON control messages, and sends Deepgram's messages (<c>Results</c>, <c>UtteranceEnd</c>,
/// <c>SpeechStarted</c>, <c>Metadata</c>) on the test's command. Its <see cref="Ended"/> says how the socket ended.
/// </summary>
public sealed class FakeDeepgramListenConnection
{
    private readonly WebSocket _socket;
    private readonly HttpContext _context;
    private readonly bool _answerCloseStream;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly TaskCompletionSource _readingAllowed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<ListenConnectionEnd> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConditionWaiters _waiters = new();
    private long _audioBytes;
    private double _secondsSent;

    internal FakeDeepgramListenConnection(WebSocket socket, HttpContext context, bool stallReading, bool answerCloseStream)
    {
        _socket = socket;
        _context = context;
        _answerCloseStream = answerCloseStream;
        if (!stallReading)
        {
            _readingAllowed.TrySetResult();
        }
    }

    public long AudioBytes => Interlocked.Read(ref _audioBytes);

    /// <summary>The <c>type</c> of every text message the client sent, in order (<c>KeepAlive</c>, <c>CloseStream</c>).</summary>
    public ConcurrentQueue<string> ControlMessages { get; } = new();

    /// <summary>What this connection sends (in order) when <c>CloseStream</c> arrives, before Metadata and the close.</summary>
    public ConcurrentQueue<(string Transcript, bool IsFinal, double Confidence)> ResultsOnCloseStream { get; } = new();

    /// <summary>Completes when the socket has ended, however it ended.</summary>
    public Task<ListenConnectionEnd> Ended => _ended.Task;

    public void ResumeReading() => _readingAllowed.TrySetResult();

    public Task WaitForAudioAsync(long bytes, TimeSpan? timeout = null) => _waiters.WaitAsync(() => AudioBytes >= bytes, timeout);

    public Task WaitForControlMessageAsync(string type, TimeSpan? timeout = null) => _waiters.WaitAsync(() => ControlMessages.Contains(type), timeout);

    /// <summary>A <c>Results</c> message in Deepgram's shape, its words spread over the segment.</summary>
    public Task SendResultsAsync(string transcript, bool isFinal, double confidence = 0.95, bool speechFinal = false)
    {
        var start = _secondsSent;
        var words = transcript.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var wordObjects = words.Select((word, i) => new
        {
            word = word.ToLowerInvariant().Trim('.', ',', '?', '!'),
            start = start + (i * 0.3),
            end = start + (i * 0.3) + 0.25,
            confidence,
            punctuated_word = word,
        }).ToArray();
        var duration = Math.Max(0.3, words.Length * 0.3);
        if (isFinal)
        {
            _secondsSent += duration;
        }

        return SendJsonAsync(new
        {
            type = "Results",
            channel_index = new[] { 0, 1 },
            duration,
            start,
            is_final = isFinal,
            speech_final = speechFinal,
            channel = new { alternatives = new[] { new { transcript, confidence, words = wordObjects } } },
            metadata = new
            {
                request_id = "fake-request",
                model_info = new { name = "general-nova-3", version = "2025-01-01.0", arch = "nova-3" },
                model_uuid = "00000000-0000-0000-0000-000000000000",
            },
            from_finalize = false,
        });
    }

    public Task SendUtteranceEndAsync() => SendJsonAsync(new { type = "UtteranceEnd", channel = new[] { 0, 1 }, last_word_end = _secondsSent });

    public Task SendSpeechStartedAsync() => SendJsonAsync(new { type = "SpeechStarted", channel = new[] { 0 }, timestamp = _secondsSent });

    public Task SendMetadataAsync() => SendJsonAsync(new
    {
        type = "Metadata",
        transaction_key = "deprecated",
        request_id = "fake-request",
        sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        created = DateTimeOffset.UtcNow.ToString("O"),
        duration = _secondsSent,
        channels = 1,
    });

    /// <summary>Sends raw text, to test how the client copes with a message it cannot read.</summary>
    public Task SendTextAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text));

    /// <summary>Closes the socket from the server's side, as Deepgram does on an error (1008 DATA-0000, 1011 NET-0000).</summary>
    public async Task CloseAsync(WebSocketCloseStatus status, string reason)
    {
        await _sendLock.WaitAsync();
        try
        {
            await _socket.CloseOutputAsync(status, reason, CancellationToken.None);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Drops the TCP connection with no close frame, as a network failure would.</summary>
    public void Drop() => _context.Abort();

    internal async Task RunAsync()
    {
        var clientSentClose = false;
        WebSocketCloseStatus? clientStatus = null;
        try
        {
            await _readingAllowed.Task.WaitAsync(_context.RequestAborted);
            var buffer = new byte[64 * 1024];
            using var text = new MemoryStream();
            while (true)
            {
                var received = await _socket.ReceiveAsync(buffer, _context.RequestAborted);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    clientSentClose = true;
                    clientStatus = received.CloseStatus;
                    if (_socket.State == WebSocketState.CloseReceived)
                    {
                        await CloseOutputLockedAsync(WebSocketCloseStatus.NormalClosure, string.Empty);
                    }

                    break;
                }

                if (received.MessageType == WebSocketMessageType.Binary)
                {
                    Interlocked.Add(ref _audioBytes, received.Count);
                    _waiters.Notify();
                    continue;
                }

                text.Write(buffer, 0, received.Count);
                if (!received.EndOfMessage)
                {
                    continue;
                }

                using var message = JsonDocument.Parse(text.ToArray());
                var type = message.RootElement.GetProperty("type").GetString() ?? string.Empty;
                text.SetLength(0);
                ControlMessages.Enqueue(type);
                _waiters.Notify();
                if (type == "CloseStream" && _answerCloseStream)
                {
                    while (ResultsOnCloseStream.TryDequeue(out var result))
                    {
                        await SendResultsAsync(result.Transcript, result.IsFinal, result.Confidence, speechFinal: result.IsFinal);
                    }

                    await SendMetadataAsync();
                    await CloseOutputLockedAsync(WebSocketCloseStatus.NormalClosure, string.Empty);
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or IOException)
        {
            // The socket was dropped or aborted: recorded below as an unclean end.
        }
        finally
        {
            _ended.TrySetResult(new ListenConnectionEnd(clientSentClose, clientStatus, _socket.State == WebSocketState.Closed));
            _waiters.Notify();
        }
    }

    private async Task CloseOutputLockedAsync(WebSocketCloseStatus status, string reason)
    {
        await _sendLock.WaitAsync();
        try
        {
            await _socket.CloseOutputAsync(status, reason, CancellationToken.None);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private Task SendJsonAsync<T>(T message) => SendAsync(JsonSerializer.SerializeToUtf8Bytes(message));

    private async Task SendAsync(byte[] utf8)
    {
        await _sendLock.WaitAsync();
        try
        {
            await _socket.SendAsync(utf8, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
        finally
        {
            _sendLock.Release();
        }
    }
}
