using System.Threading.Channels;
using Invorto.Application.Agents.Configuration;
using Invorto.Application.Audio;
using Invorto.Application.Conversations.Providers;
using Invorto.Application.Conversations.Transport;
using Microsoft.Extensions.Logging;

namespace Invorto.Application.Conversations.Engine;

/// <summary>
/// One call's conversation (spec §8), orchestrating its parts: caller audio in (<see cref="InboundAudio"/>) and the
/// caller's turn (<see cref="CallerTurn"/>), barge-in (<see cref="BargeInDetector"/>), one <see cref="ReplyHandle"/> per
/// agent reply produced by the <see cref="ReplyGenerator"/>, the paced outbound queue (<see cref="OutboundAudio"/>),
/// playout marks, bounded history, call limits and telemetry. Three kinds of thread touch it: the transport's receive loop
/// (<see cref="ReceiveAudioAsync"/>), the pacer (<see cref="OnTick"/>, every 5 ms) and the session's engine loop
/// (<see cref="ConversationSession.RunAsync"/>), which alone starts replies. The parts' shared state is guarded by one
/// short lock; nothing on the audio path awaits a provider, the database or Redis. Time comes only from the injected clock.
/// </summary>
public sealed partial class ConversationSession : IPacedSession, IAsyncDisposable
{
    private readonly ConversationSetup _setup;
    private readonly AgentConfig _config;
    private readonly IConversationTransport _transport;
    private readonly ConversationProviders _providers;
    private readonly EngineClock _clock;
    private readonly ILogger _logger;
    private readonly ConversationOptions _options;
    private readonly CancellationTokenSource _life = new();
    private readonly CancellationToken _lifeToken;
    private readonly Channel<SessionSignal> _signals = Channel.CreateUnbounded<SessionSignal>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource<string> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private readonly InboundAudio _inbound;
    private readonly OutboundAudio _outbound;
    private readonly CallerTurn _caller;
    private readonly BargeInDetector _bargeIn;
    private readonly ConversationHistory _history;
    private readonly CallLimits _limits;
    private readonly PlayoutTracker _playout;
    private readonly ToolInvoker _tools;
    private readonly ConversationTelemetry _telemetry;
    private readonly ReplyGenerator _generator;

    // Guarded by _gate: the reply under way (or the last one), and the id the next one gets.
    private ReplyHandle? _reply;
    private int _replyIds;

    private IRecognitionStream? _recognition;
    private IDisposable? _pacing;
    private Task? _loop;
    private Task? _forwarder;
    private Task? _work;
    private int _turns;

    internal ConversationSession(ConversationSetup setup, IConversationTransport transport, int sampleRate, ConversationProviders providers, SessionServices services)
    {
        if (sampleRate is not (8000 or 16000))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "A session runs at 8000 or 16000 Hz.");
        }

        _setup = setup;
        _config = setup.Config;
        _transport = transport;
        _providers = providers;
        _clock = services.Clock;
        _logger = services.Logger;
        _lifeToken = _life.Token;
        SampleRate = sampleRate;
        var options = services.Options;
        var frameBytes = Pcm16.BytesPerFrame(sampleRate, ConversationOptions.FrameMs);
        var startedAt = _clock.Now;
        _telemetry = new ConversationTelemetry(setup, services.Timeline, services.Metrics, _clock, startedAt);
        _inbound = new InboundAudio(sampleRate, frameBytes, services.Frames, options, _clock);
        _outbound = new OutboundAudio(transport, services.Frames, services.Metrics, _clock, frameBytes, options.OutboundQueueFrames, TransportFailed, _lifeToken);
        _caller = new CallerTurn(_config.Endpointing, services.WaitFunctions.Get(_config.Endpointing.WaitFunction), _clock);
        _bargeIn = new BargeInDetector(_config, options, _clock);
        _history = new ConversationHistory(options.HistoryMaxMessages, options.HistoryMaxChars);
        _limits = new CallLimits(_config.EndCall, startedAt, _clock);
        _playout = new PlayoutTracker(transport, options, _clock, _gate);
        _tools = new ToolInvoker(setup, transport, services.Tools, _history, _telemetry, _clock, _gate, _logger, _lifeToken);
        _generator = new ReplyGenerator(setup, providers, transport, _outbound, _history, _tools, _playout, _limits, _telemetry, options, _clock, sampleRate, _gate, _logger, RequestStop);
        _options = options;
    }

    public Guid CallId => _setup.CallId;

    public int SampleRate { get; }

    /// <summary>Completes with the end reason once the session has stopped, whichever side ended it.</summary>
    public Task<string> Completion => _ended.Task;

    /// <summary>The conversation as the language model sees it; assistant turns cut by the caller hold only what was played.</summary>
    public IReadOnlyList<ChatMessage> History
    {
        get
        {
            lock (_gate)
            {
                return _history.Snapshot();
            }
        }
    }

    public int Turns => Volatile.Read(ref _turns);

    /// <summary>The per-call KPI summary so far.</summary>
    public ConversationKpis Kpis
    {
        get
        {
            lock (_gate)
            {
                return _telemetry.KpisLocked(Turns);
            }
        }
    }

    internal void Start(IAudioPacer pacer)
    {
        _telemetry.Metrics.SessionStarted();
        _recognition = _providers.Recognizer.Start(new RecognitionOptions(_setup.CallId, _config.Asr.Provider, _config.Asr.Model, _config.Asr.Language, SampleRate));
        _forwarder = ForwardRecognitionAsync(_recognition, _lifeToken);
        _loop = RunAsync(_lifeToken);
        _pacing = pacer.Register(this);
    }

    /// <summary>Caller audio as it arrives (PCM16 at <see cref="SampleRate"/>, any length); sends what the protocol needs (the energy window, the flush on barge-in).</summary>
    public async ValueTask ReceiveAudioAsync(ReadOnlyMemory<byte> pcm16, CancellationToken cancellationToken)
    {
        var interrupted = ReceiveAudio(pcm16.Span, out var energy);
        if (interrupted)
        {
            await FlushFarEndAsync(cancellationToken);
        }

        if (energy is { } window)
        {
            await _transport.SendEventAsync(new EnergyMeasured(Math.Round(window.EnergyDb, 1), window.Speaking), cancellationToken);
        }
    }

    public void ReceiveDigits(string digits)
    {
        if (!string.IsNullOrWhiteSpace(digits))
        {
            _signals.Writer.TryWrite(new SessionSignal.Digits(digits));
        }
    }

    /// <summary>The client's answer to a <c>tool.call</c>; false when no such call is waiting.</summary>
    public bool ReceiveToolResult(string id, string resultJson) => _tools.ReceiveResult(id, resultJson);

    /// <summary>
    /// The far end's report on a mark the session placed after a spoken segment: <paramref name="played"/> when its playback
    /// passed the mark, false when the audio before it was cleared. Unknown or stale marks are ignored.
    /// </summary>
    public void ReceivePlayoutMark(string name, bool played)
    {
        bool known;
        lock (_gate)
        {
            known = _playout.ReportLocked(_reply, name, ref played);
        }

        if (known)
        {
            _telemetry.Record(TimelineKinds.AgentPlayout, new { mark = name, played });
        }
    }

    /// <summary>Asks the session to end: at once (the far end is gone or asked) or after a polite goodbye.</summary>
    public void RequestStop(string reason, bool sayGoodbye = false) =>
        _signals.Writer.TryWrite(new SessionSignal.Stop(reason, sayGoodbye));

    public async ValueTask DisposeAsync()
    {
        RequestStop(ConversationEndReasons.Hangup);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        _life.Dispose();
    }

    bool IPacedSession.OnTick(long tick, bool mayWait) => OnTick(tick, mayWait);

    private bool OnTick(long now, bool mayWait)
    {
        if (_lifeToken.IsCancellationRequested)
        {
            return true;
        }

        if (mayWait)
        {
            _gate.Enter();
        }
        else if (!_gate.TryEnter())
        {
            return false;
        }

        OutboundFrame frame = default;
        var send = false;
        string? markAfter = null;
        SessionSignal? signal = null;
        byte[]? callerFrame;
        try
        {
            _inbound.TryPopDueLocked(now, out callerFrame);
            var reply = _reply;
            switch (_outbound.TryTakeLocked(now, reply, out frame))
            {
                case OutboundTake.Frame:
                    send = true;
                    if (reply!.FrameSent(frame.Segment))
                    {
                        _telemetry.FirstFrameLocked(reply, _clock.Now);
                    }

                    _limits.Activity(now);
                    markAfter = frame.Segment.TakeMarkDue() ? frame.Segment.Mark : null;
                    break;
                case OutboundTake.Empty when reply is not null && reply.TryFinish():
                    _limits.Activity(now);
                    signal = new SessionSignal.ReplyFinished(reply);
                    break;
            }

            signal ??= CheckTurnLocked(now) ?? _limits.CheckLocked(now, quiet: _reply is not { Active: true } && _caller.Quiet);
        }
        finally
        {
            _gate.Exit();
        }

        if (callerFrame is not null)
        {
            try
            {
                _recognition?.Write(callerFrame.AsSpan(0, _outbound.FrameBytes));
            }
            finally
            {
                _inbound.Release(callerFrame);
            }
        }

        if (send)
        {
            _outbound.Send(frame);
        }

        if (markAfter is not null)
        {
            _outbound.SendMark(markAfter);
        }

        if (signal is not null)
        {
            _signals.Writer.TryWrite(signal);
        }

        return true;
    }

    private bool ReceiveAudio(ReadOnlySpan<byte> pcm16, out EnergyWindow? energy)
    {
        energy = null;
        var interrupted = false;
        while (_inbound.TryReadFrame(ref pcm16))
        {
            var frame = _inbound.Analyse(ref energy);
            var now = _clock.Now;
            ReplyHandle? cut = null;
            lock (_gate)
            {
                _inbound.PushLocked();
                _caller.OnFrame(frame, now);
                if (frame.Voiced)
                {
                    _limits.Activity(now);
                }

                if (frame.Activity.Speaking && TryInterruptLocked(now))
                {
                    cut = _reply;
                }
            }

            if (cut is not null)
            {
                AfterInterrupt(cut);
                interrupted = true;
            }
        }

        return interrupted;
    }

    private SessionSignal? CheckTurnLocked(long now)
    {
        if (_caller.Pending.Length > 0)
        {
            if (_reply is { Speaking: true })
            {
                return null;
            }

            var ended = _caller.TryEnd(now);
            if (ended is not null)
            {
                _bargeIn.CancelResume();
            }

            return ended;
        }

        return _bargeIn.ResumeDue(now, _caller, replying: _reply is { Active: true }) ? new SessionSignal.Resume() : null;
    }

    /// <summary>Cuts the reply being spoken when the caller's speech interrupts it; the history keeps only what was heard.</summary>
    private bool TryInterruptLocked(long now)
    {
        var reply = _reply;
        if (reply is null || !_bargeIn.Interrupts(reply, _caller))
        {
            return false;
        }

        var heard = reply.Interrupt(_transport.FarEndBuffer);
        _history.ReplaceHeard(reply.HistoryEntry, heard.Played);
        _telemetry.BargeInCutoffLocked(_clock.Milliseconds(_caller.SpeechOnsetAt, now));
        _bargeIn.PlanResume(heard.Remainder, now);
        _signals.Writer.TryWrite(new SessionSignal.Interrupted(heard.Played, _caller.SpeechOnsetAt, now));
        return true;
    }

    private void AfterInterrupt(ReplyHandle cut)
    {
        _outbound.Clear();
        cut.Cancel();
    }

    private async ValueTask FlushFarEndAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _transport.FlushPlaybackAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogTransportFailed(_logger, _setup.CallId, exception);
        }
    }

    private void TransportFailed(Exception exception)
    {
        if (exception is not OperationCanceledException)
        {
            LogTransportFailed(_logger, _setup.CallId, exception);
        }

        RequestStop(ConversationEndReasons.Hangup);
    }

    private async Task ForwardRecognitionAsync(IRecognitionStream recognition, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var result in recognition.Results.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                _signals.Writer.TryWrite(new SessionSignal.Recognized(result, _clock.Now));
            }
        }
        catch (OperationCanceledException)
        {
            // The session ended.
        }
        catch (Exception exception)
        {
            LogProviderFailed(_logger, _setup.CallId, "recognizer", exception);
            RequestStop(ConversationEndReasons.ProviderUnavailable, sayGoodbye: true);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: the transport failed")]
    private static partial void LogTransportFailed(ILogger logger, Guid callId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: the {Provider} failed")]
    private static partial void LogProviderFailed(ILogger logger, Guid callId, string provider, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Call {CallId}: the conversation failed")]
    private static partial void LogSessionFailed(ILogger logger, Guid callId, Exception exception);
}
