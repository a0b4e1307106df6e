using System.Buffers.Binary;
using System.Diagnostics;

namespace Invorto.Bench.Realtime;

/// <summary>
/// One client session over a real WebSocket: a receive loop with one buffer for the session's life that times the agent's
/// audio and the server's events, and a send path called by a sender thread on every 20 ms tick. Per-frame work allocates
/// nothing (shared pre-built frames, one stamped buffer, pooled <see cref="ValueTask"/>s).
/// </summary>
public sealed class LoadSession : IDisposable
{
    private const double BargeInGraceMs = 40;
    private static readonly byte[] Silence = new byte[SpeechBurst.FrameBytes];
    private static readonly double TicksPerMs = Stopwatch.Frequency / 1000.0;

    private readonly BenchVoiceSocket _socket;
    private readonly byte[] _stampedFrame = new byte[SpeechBurst.FrameBytes];
    private readonly SessionSettings _settings;
    private readonly StepMetrics _metrics;
    private readonly UtteranceTracker _tracker;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _lastAgentFrame;
    private long _agentUtteranceStart;
    private long _sttFinalAt;
    private long _bargeInAt;
    private long _bargeInSpeechAt;

    public LoadSession(SessionSettings settings, StepMetrics metrics, CallerScript? script)
    {
        _settings = settings;
        _metrics = metrics;
        Script = script;
        _tracker = new UtteranceTracker(capacity: 4096, continuous: settings.Stamped, TicksPerMs);
        _socket = new BenchVoiceSocket(settings.ApiKey, OnAgentFrame, OnText, () => _ready.TrySetCanceled());
    }

    public CallerScript? Script { get; }

    public UtteranceTracker Tracker => _tracker;

    public bool IsReady => _ready.Task.IsCompletedSuccessfully;

    public bool Broken { get; private set; }

    public bool RemoteClosed { get; private set; }

    public long SendSkips { get; private set; }

    /// <summary>The server's close code when it closed the session, or null.</summary>
    public int? ServerCloseCode { get; private set; }

    public long Errors { get; private set; }

    public long Ends { get; private set; }

    public long SttFinals { get; private set; }

    public long BargeInOnsets { get; private set; }

    public long BargeInsReceived { get; private set; }

    public long UnexpectedBargeIns { get; private set; }

    public long PostBargeInFrames { get; private set; }

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        await _socket.ConnectAsync(_settings.Url, _settings.AgentId, 16000, cancellationToken);
        await _ready.Task.WaitAsync(_settings.ReadyTimeout, cancellationToken);
    }

    public void SendTick(long scheduled, Histogram slip)
    {
        if (!_socket.ReadyToSend())
        {
            return;
        }

        ReadOnlyMemory<byte> frame;
        var onset = false;
        if (Script is { } script)
        {
            frame = script.Next(scheduled, Volatile.Read(ref _lastAgentFrame), Volatile.Read(ref _agentUtteranceStart), out onset) ?? Silence;
        }
        else
        {
            BinaryPrimitives.WriteInt64LittleEndian(_stampedFrame, Stopwatch.GetTimestamp());
            frame = _stampedFrame;
        }

        var started = Stopwatch.GetTimestamp();
        if (_metrics.Window.Contains(started))
        {
            slip.RecordMicroseconds((long)((started - scheduled) / TicksPerMs * 1000));
            BargeInOnsets += onset ? 1 : 0;
        }

        if (onset)
        {
            Volatile.Write(ref _bargeInSpeechAt, started);
        }

        _socket.Send(frame);
    }

    public Task CloseAsync(bool sendEnd, TimeSpan timeout) => _socket.CloseAsync(sendEnd, timeout);

    public void Dispose() => _socket.Dispose();

    private void OnAgentFrame(long now, ReadOnlySpan<byte> frame)
    {
        var last = _lastAgentFrame;
        if (last == 0 || (now - last) / TicksPerMs >= UtteranceTracker.UtteranceGapMs)
        {
            Volatile.Write(ref _agentUtteranceStart, now);
        }

        Volatile.Write(ref _lastAgentFrame, now);
        var window = _metrics.Window;
        var sttFinalAt = _sttFinalAt;
        _sttFinalAt = 0;
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
        if (_settings.Stamped && frame.Length >= 8)
        {
            var sent = BinaryPrimitives.ReadInt64LittleEndian(frame);
            _metrics.OneWay.RecordMicroseconds((long)((now - sent) / TicksPerMs * 1000));
        }

        if (sttFinalAt != 0 && window.Contains(sttFinalAt))
        {
            var overheadMs = ((now - sttFinalAt) / TicksPerMs) - _settings.ProviderLatencyMs;
            _metrics.TurnOverhead.RecordMicroseconds((long)(overheadMs * 1000));
        }

        if (_bargeInAt != 0 && (now - _bargeInAt) / TicksPerMs > BargeInGraceMs)
        {
            PostBargeInFrames++;
        }
    }

    private void OnText(long now, ReadOnlySpan<byte> json)
    {
        var inWindow = _metrics.Window.Contains(now);
        switch (ServerEvents.Classify(json))
        {
            case ServerEvent.Ready:
                _ready.TrySetResult();
                break;
            case ServerEvent.SttFinal:
                _sttFinalAt = now;
                _bargeInAt = 0;
                SttFinals += inWindow ? 1 : 0;
                break;
            case ServerEvent.BargeIn:
                _bargeInAt = now;
                var onset = Interlocked.Exchange(ref _bargeInSpeechAt, 0);
                if (!inWindow)
                {
                    break;
                }

                BargeInsReceived++;
                if (onset != 0 && _metrics.Window.Contains(onset))
                {
                    _metrics.BargeInCutoff.RecordMicroseconds((long)((now - onset) / TicksPerMs * 1000));
                }
                else if (onset == 0)
                {
                    UnexpectedBargeIns++;
                }

                break;
            case ServerEvent.Error:
                Errors++;
                break;
            case ServerEvent.End:
                Ends++;
                break;
            default:
                break;
        }
    }
}
