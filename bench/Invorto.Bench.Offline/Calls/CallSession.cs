using System.Diagnostics;
using Invorto.Bench.Realtime;

namespace Invorto.Bench.Offline.Calls;

/// <summary>
/// One simulated web call over a real WebSocket (the realtime client protocol, <see cref="BenchVoiceSocket"/>): a receive loop that times the agent's audio and events, and
/// a send path called by the sender thread every 20 ms with the caller's next frame (<see cref="CallerTurns"/>).
/// </summary>
public sealed class CallSession : IDisposable
{
    private static readonly byte[] Silence = new byte[CallerPhrases.FrameBytes];
    private static readonly double TicksPerMs = Stopwatch.Frequency / 1000.0;

    private readonly BenchVoiceSocket _socket;
    private readonly CallSettings _settings;
    private readonly CallMetrics _metrics;
    private readonly CallerTurns _turns;
    private readonly Action<CallSession>? _onVoicedEnd;
    private readonly UtteranceTracker _tracker = new(capacity: 4096, continuous: false, TicksPerMs);
    private readonly TurnClock _clock = new(TicksPerMs);
    private readonly Lock _clockGate = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastAgentFrame;

    public CallSession(CallSettings settings, CallMetrics metrics, CallerTurns turns, Action<CallSession>? onVoicedEnd = null)
    {
        _settings = settings;
        _metrics = metrics;
        _turns = turns;
        _onVoicedEnd = onVoicedEnd;
        _socket = new BenchVoiceSocket(settings.ApiKey, OnAgentFrame, OnText, () => _ready.TrySetCanceled());
    }

    public CallerTurns Turns => _turns;

    public bool IsReady => _ready.Task.IsCompletedSuccessfully;

    public bool Broken => _socket.Broken;

    public bool RemoteClosed => _socket.RemoteClosed;

    public int? ServerCloseCode => _socket.ServerCloseCode;

    public long Errors { get; private set; }

    public long SttFinals { get; private set; }

    public long AnsweredTurns { get; private set; }

    public long SendSkips => _socket.SendSkips;

    public long LateFrames => _tracker.LateFrames;

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        await _socket.ConnectAsync(_settings.Url, _settings.AgentId.ToString(), CallerPhrases.SampleRate, cancellationToken);
        await _ready.Task.WaitAsync(_settings.ReadyTimeout, cancellationToken);
    }

    /// <summary>Sends this tick's frame (sender thread only); a send still in flight skips the tick.</summary>
    public void SendTick(long scheduled)
    {
        if (!IsReady || !_socket.ReadyToSend())
        {
            return;
        }

        bool answerPending;
        lock (_clockGate)
        {
            answerPending = _clock.Pending;
        }

        var frame = _turns.Next(scheduled, Volatile.Read(ref _lastAgentFrame), answerPending, out var voicedEnd, out var gaveUp) ?? Silence;
        if (!_socket.Send(frame))
        {
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
        await _socket.CloseAsync(sendEnd: true, timeout);
        _tracker.Flush(_metrics.Lateness);
    }

    public void Dispose() => _socket.Dispose();

    private void OnAgentFrame(long now, ReadOnlySpan<byte> frame)
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
