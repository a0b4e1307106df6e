using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using Invorto.Bench.Realtime;

namespace Invorto.Bench.Offline.Calls;

/// <summary>
/// One simulated web call over a real WebSocket (spec §5.1): a receive loop that times the agent's audio and events, and
/// a send path called by the sender thread every 20 ms with the caller's next frame (<see cref="CallerTurns"/>).
/// </summary>
public sealed class CallSession : IDisposable
{
    private static readonly byte[] Silence = new byte[CallerPhrases.FrameBytes];
    private static readonly double TicksPerMs = Stopwatch.Frequency / 1000.0;

    private readonly ClientWebSocket _socket = new();
    private readonly byte[] _receiveBuffer = new byte[16 * 1024];
    private readonly CallSettings _settings;
    private readonly CallMetrics _metrics;
    private readonly CallerTurns _turns;
    private readonly Action<CallSession>? _onVoicedEnd;
    private readonly UtteranceTracker _tracker = new(capacity: 4096, continuous: false, TicksPerMs);
    private readonly TurnClock _clock = new(TicksPerMs);
    private readonly Lock _clockGate = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _receiveLoop = Task.CompletedTask;
    private Task? _pendingSend;
    private long _lastAgentFrame;

    public CallSession(CallSettings settings, CallMetrics metrics, CallerTurns turns, Action<CallSession>? onVoicedEnd = null)
    {
        _settings = settings;
        _metrics = metrics;
        _turns = turns;
        _onVoicedEnd = onVoicedEnd;
        _socket.Options.AddSubProtocol(settings.ApiKey);
        _socket.Options.KeepAliveInterval = TimeSpan.Zero;
    }

    public CallerTurns Turns => _turns;

    public bool IsReady => _ready.Task.IsCompletedSuccessfully;

    public bool Broken { get; private set; }

    public bool RemoteClosed { get; private set; }

    public int? ServerCloseCode { get; private set; }

    public long Errors { get; private set; }

    public long SttFinals { get; private set; }

    public long AnsweredTurns { get; private set; }

    public long SendSkips { get; private set; }

    public long LateFrames => _tracker.LateFrames;

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        await _socket.ConnectAsync(_settings.Url, cancellationToken);
        _receiveLoop = ReceiveLoopAsync();
        var start = $$"""{"t":"start","agentId":"{{_settings.AgentId}}","sampleRate":{{CallerPhrases.SampleRate}}}""";
        await _socket.SendAsync(Encoding.UTF8.GetBytes(start), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        await _ready.Task.WaitAsync(_settings.ReadyTimeout, cancellationToken);
    }

    /// <summary>Sends this tick's frame (sender thread only); a send still in flight skips the tick.</summary>
    public void SendTick(long scheduled)
    {
        if (Broken || RemoteClosed || !IsReady)
        {
            return;
        }

        if (_pendingSend is { } pending)
        {
            if (!pending.IsCompleted)
            {
                SendSkips++;
                return;
            }

            _pendingSend = null;
            if (!pending.IsCompletedSuccessfully)
            {
                Broken = true;
                return;
            }
        }

        bool answerPending;
        lock (_clockGate)
        {
            answerPending = _clock.Pending;
        }

        var frame = _turns.Next(scheduled, Volatile.Read(ref _lastAgentFrame), answerPending, out var voicedEnd, out var gaveUp) ?? Silence;
        try
        {
            var send = _socket.SendAsync(frame.AsMemory(), WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None);
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
            Broken = true;
            return;
        }

        if (gaveUp || voicedEnd)
        {
            var sent = Stopwatch.GetTimestamp();
            lock (_clockGate)
            {
                if (gaveUp)
                {
                    _clock.Abandon();
                }

                if (voicedEnd)
                {
                    _clock.OnVoicedEnd(sent);
                }
            }

            if (voicedEnd)
            {
                _onVoicedEnd?.Invoke(this);
            }
        }
    }

    /// <summary>Ends the call (after the sender thread has stopped): <c>end</c>, then waits for the server to close.</summary>
    public async Task CloseAsync(TimeSpan timeout)
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
                await _socket.SendAsync("""{"t":"end","reason":"client"}"""u8.ToArray(), WebSocketMessageType.Text, endOfMessage: true, cts.Token);
            }

            await _receiveLoop.WaitAsync(cts.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException or WebSocketException or InvalidOperationException or IOException)
        {
            _socket.Abort();
        }

        _tracker.Flush(_metrics.Lateness);
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
                    if (result.MessageType == WebSocketMessageType.Binary)
                    {
                        OnAgentFrame(now);
                    }
                    else
                    {
                        OnText(now, _receiveBuffer.AsSpan(0, result.Count));
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
            _ready.TrySetCanceled();
        }
    }

    private void OnAgentFrame(long now)
    {
        Volatile.Write(ref _lastAgentFrame, now);
        TurnAnswer? answer;
        lock (_clockGate)
        {
            answer = _clock.OnAgentFrame(now);
        }

        var window = _metrics.Window;
        if (window.IsBefore(now))
        {
            _tracker.Discard();
            return;
        }

        if (now > window.End)
        {
            return;
        }

        _tracker.OnFrame(now, _metrics.Lateness);
        if (answer is not null && window.Contains(answer.VoicedEndAt))
        {
            AnsweredTurns++;
            _metrics.TurnLatency.Add(answer.FromVoicedEndMs);
            if (_turns.Phrase is { } phrase)
            {
                _metrics.TurnLatencyByPhrase.GetOrAdd(phrase, _ => []).Add(answer.FromVoicedEndMs);
            }
            if (answer.FromSttFinalMs is { } fromFinal)
            {
                _metrics.SttFinalToAudio.Add(fromFinal);
            }
        }
    }

    private void OnText(long now, ReadOnlySpan<byte> json)
    {
        switch (ServerEvents.Classify(json))
        {
            case ServerEvent.Ready:
                _ready.TrySetResult();
                break;
            case ServerEvent.SttFinal:
                SttFinals++;
                lock (_clockGate)
                {
                    _clock.OnSttFinal(now);
                }

                break;
            case ServerEvent.Error:
                Errors++;
                break;
            default:
                break;
        }
    }
}
