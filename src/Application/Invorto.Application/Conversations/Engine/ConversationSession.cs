using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Invorto.Application.Agents.Configuration;
using Invorto.Application.Conversations.Providers;
using Invorto.Application.Conversations.Transport;
using Invorto.Domain.Conversations.Audio;
using Invorto.Domain.Conversations.Turns;
using Microsoft.Extensions.Logging;

namespace Invorto.Application.Conversations.Engine;

/// <summary>
/// One call's conversation (spec §8): caller audio → jitter buffer → recognizer → endpointing → language model →
/// sentence chunker → synthesizer → paced agent audio, with barge-in, consent, silence and duration limits, the energy
/// meter, KPIs and timeline facts. Three kinds of thread touch it: the transport's receive loop
/// (<see cref="ReceiveAudio"/>), the pacer (<see cref="OnTick"/>, every 20 ms) and the session's own engine loop, which
/// alone talks to the language model and the synthesizer. Shared state lives under one short lock; nothing on the
/// audio path awaits a provider, the database or Redis.
/// </summary>
public sealed partial class ConversationSession : IPacedSession, IAsyncDisposable
{
    private const double VoicedAboveFloorDb = 12;
    private const double VoicedMinDbfs = -45;
    private const int MaxToolResultChars = 64 * 1024;
    private static readonly long FramePeriod = Stopwatch.Frequency * ConversationOptions.FrameMs / 1000;
    // Half a pacer tick: a frame leaves at the tick nearest its due time, early or late.
    private static readonly long DueTolerance = Stopwatch.Frequency * 5 / 2 / 1000;

    private readonly ConversationSetup _setup;
    private readonly AgentConfig _config;
    private readonly IConversationTransport _transport;
    private readonly ConversationProviders _providers;
    private readonly AgentAudioFramePool _frames;
    private readonly ICallTimeline _timeline;
    private readonly ConversationMetrics _metrics;
    private readonly ConversationOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly int _sampleRate;
    private readonly int _frameBytes;
    private readonly EndpointingRules _endpointing;
    private readonly BargeInRules _bargeIn;
    private readonly CancellationTokenSource _life = new();
    private readonly CancellationToken _lifeToken;
    private readonly Channel<SessionSignal> _signals = Channel.CreateUnbounded<SessionSignal>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<OutboundFrame> _outbound;
    private readonly TaskCompletionSource<string> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<string, TaskCompletionSource<string>> _pendingTools = new(StringComparer.Ordinal);
    private readonly List<ChatMessage> _history = [];
    private readonly long _startedAt;

    // Receive thread only.
    private readonly VoiceActivityDetector _vad = new();
    private readonly EnergyMeter _energy;
    private readonly PcmFramer _inboundFramer;
    private readonly byte[] _inboundFrame;

    // Pacer thread only.
    private readonly byte[] _tickFrame;
    private Task? _pendingSend;
    private long _nextPopAt;
    private long _nextSendAt;
    private long _nextLimitCheckAt;

    // Guarded by _gate.
    private readonly Lock _gate = new();
    private readonly JitterBuffer _jitter;
    private readonly KpiSamples _kpis = new();
    private readonly List<SpokenSegment> _segments = [];
    private bool _callerSpeaking;
    private long _speechOnsetAt;
    private long _lastVoiceAt;
    private long _lastActivityAt;
    private bool _awaitingFirstPartial;
    private string _partialText = string.Empty;
    private string _burstText = string.Empty;
    private string _pendingText = string.Empty;
    private double _lastConfidence;
    private int _generation;
    private bool _responseActive;
    private bool _agentSpeaking;
    private bool _synthesisComplete;
    private bool _interruptible;
    private bool _stopping;
    private string? _responseText;
    private CancellationTokenSource? _responseCancellation;
    private long _turnDecidedAt;
    private long _turnLastSpeechAt;
    private double _turnProviderMs;
    private bool _firstFrameOfTurnPending;
    private long _resumeAt;
    private string? _resumeText;
    private int _assistantIndex = -1;
    private string? _stopReason;
    private int _segmentSequence;
    private TaskCompletionSource? _playoutWaiter;
    private string? _awaitedMark;

    // Taken by the speaking task with an exchange.
    private PcmFramer? _spareSpeechFramer;

    private IRecognitionStream? _recognition;
    private IDisposable? _pacing;
    private Task? _loop;
    private Task? _forwarder;
    private Task? _response;
    private int _turns;

    internal ConversationSession(
        ConversationSetup setup,
        IConversationTransport transport,
        int sampleRate,
        ConversationProviders providers,
        AgentAudioFramePool frames,
        ICallTimeline timeline,
        ConversationMetrics metrics,
        ConversationOptions options,
        TimeProvider clock,
        ILogger logger)
    {
        if (sampleRate is not (8000 or 16000))
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, "A session runs at 8000 or 16000 Hz.");
        }

        _setup = setup;
        _config = setup.Config;
        _transport = transport;
        _providers = providers;
        _frames = frames;
        _timeline = timeline;
        _metrics = metrics;
        _options = options;
        _clock = clock;
        _logger = logger;
        _sampleRate = sampleRate;
        _frameBytes = Pcm16.BytesPerFrame(sampleRate, ConversationOptions.FrameMs);
        _endpointing = EndpointingRulesFor(_config.Endpointing);
        _bargeIn = new BargeInRules(_config.Interruptible, _config.BargeIn.MinWords, _config.BargeIn.MinSpeechMs, BargeInRules.DefaultBackchannels);
        _outbound = Channel.CreateBounded<OutboundFrame>(new BoundedChannelOptions(options.OutboundQueueFrames) { SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        _energy = new EnergyMeter(sampleRate);
        _inboundFramer = new PcmFramer(_frameBytes);
        _inboundFrame = new byte[_frameBytes];
        _tickFrame = new byte[_frameBytes];
        _jitter = new JitterBuffer(_frameBytes, options.JitterTargetFrames, options.JitterMaxFrames);
        _startedAt = Stopwatch.GetTimestamp();
        _lastActivityAt = _startedAt;
        _lifeToken = _life.Token;
    }

    public Guid CallId => _setup.CallId;

    public int SampleRate => _sampleRate;

    /// <summary>Completes with the end reason once the session has stopped, whichever side ended it.</summary>
    public Task<string> Completion => _ended.Task;

    /// <summary>The conversation as the language model sees it; assistant turns cut by the caller hold only what was played.</summary>
    public IReadOnlyList<ChatMessage> History
    {
        get
        {
            lock (_gate)
            {
                return [.. _history];
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
                return _kpis.Summary(Turns);
            }
        }
    }

    internal void Start(AudioPacer pacer)
    {
        _metrics.SessionStarted();
        _recognition = _providers.Recognizer.Start(new RecognitionOptions(_setup.CallId, _config.Asr.Provider, _config.Asr.Model, _config.Asr.Language, _sampleRate));
        _forwarder = ForwardRecognitionAsync(_recognition, _lifeToken);
        _loop = RunAsync(_lifeToken);
        _pacing = pacer.Register(this);
    }

    /// <summary>Caller audio as it arrives (PCM16 at <see cref="SampleRate"/>, any length). Returns true when it cut the agent off and the far end must be flushed.</summary>
    private bool ReceiveAudio(ReadOnlySpan<byte> pcm16, out EnergyWindow? energy)
    {
        energy = null;
        var interrupted = false;
        _inboundFramer.Write(pcm16);
        while (_inboundFramer.TryRead(_inboundFrame))
        {
            interrupted |= ReceiveFrame(_inboundFrame, ref energy);
        }

        return interrupted;
    }

    /// <summary>Caller audio as it arrives; sends what the protocol needs (the energy window, the flush on barge-in).</summary>
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
    public bool ReceiveToolResult(string id, string resultJson)
    {
        TaskCompletionSource<string>? waiting;
        lock (_gate)
        {
            _pendingTools.Remove(id, out waiting);
        }

        return waiting?.TrySetResult(resultJson) ?? false;
    }

    /// <summary>
    /// The far end's report on a mark the session placed after a spoken segment: <paramref name="played"/> when its playback
    /// passed the mark, false when the audio before it was cleared. Unknown or stale marks are ignored.
    /// </summary>
    public void ReceivePlayoutMark(string name, bool played)
    {
        TaskCompletionSource? waiter = null;
        lock (_gate)
        {
            var segment = _segments.Find(candidate => string.Equals(candidate.Mark, name, StringComparison.Ordinal));
            if (segment is null)
            {
                return;
            }

            played &= !segment.Cleared;
            segment.PlayedOut |= played;
            if (string.Equals(_awaitedMark, name, StringComparison.Ordinal))
            {
                waiter = _playoutWaiter;
            }
        }

        Timeline("agent.playout", new { mark = name, played });
        waiter?.TrySetResult();
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
        var fed = false;
        try
        {
            if (Due(ref _nextPopAt, now))
            {
                fed = _jitter.TryPop(_tickFrame);
            }

            var speaking = _agentSpeaking;
            if (!speaking || now + DueTolerance >= _nextSendAt)
            {
                if (_pendingSend is { IsCompleted: false })
                {
                    _metrics.OutboundFramesSkipped.Add(1);
                }
                else
                {
                    send = TakeFrameLocked(now, out frame, ref signal);
                    if (send)
                    {
                        markAfter = frame.Segment.TakeMarkDue() ? frame.Segment.Mark : null;
                        _nextSendAt = speaking && now - _nextSendAt < 3 * FramePeriod ? _nextSendAt + FramePeriod : now + FramePeriod;
                    }
                }
            }

            signal ??= CheckTurnLocked(now);
            if (signal is null && now >= _nextLimitCheckAt)
            {
                _nextLimitCheckAt = now + Stopwatch.Frequency;
                signal = CheckLimitsLocked(now);
            }
        }
        finally
        {
            _gate.Exit();
        }

        if (fed)
        {
            _recognition?.Write(_tickFrame);
        }

        if (send)
        {
            Send(frame);
        }

        if (markAfter is not null)
        {
            SendMark(markAfter);
        }

        if (signal is not null)
        {
            _signals.Writer.TryWrite(signal);
        }

        return true;
    }

    private static EndpointingRules EndpointingRulesFor(EndpointingSettings settings)
    {
        Func<double, double> wait = WaitFunction.TryParse(settings.WaitFunction, out var function, out _) && function is not null
            ? function.Evaluate
            : _ => settings.SilenceMs;
        var enabled = !string.Equals(settings.Provider, "off", StringComparison.OrdinalIgnoreCase);
        return new EndpointingRules(settings.SilenceMs, settings.MinWords, settings.ConfidenceThreshold, wait, enabled);
    }

    private static double Milliseconds(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;

    /// <summary>True when a 20 ms schedule is due at <paramref name="now"/>, advancing it; a schedule far behind restarts from now.</summary>
    private static bool Due(ref long next, long now)
    {
        if (now + DueTolerance < next)
        {
            return false;
        }

        next = now - next < 3 * FramePeriod ? next + FramePeriod : now + FramePeriod;
        return true;
    }

    private bool ReceiveFrame(byte[] frame, ref EnergyWindow? energy)
    {
        var activity = _vad.Process(frame, _sampleRate);
        if (_energy.Add(frame, activity.Speaking, out var window))
        {
            energy = window;
        }

        var now = Stopwatch.GetTimestamp();
        var voiced = activity.Speaking && activity.FrameDbfs >= VoicedMinDbfs && activity.FrameDbfs >= activity.NoiseFloorDb + VoicedAboveFloorDb;
        CancellationTokenSource? cancel = null;
        var interrupted = false;
        lock (_gate)
        {
            _jitter.Push(frame);
            if (activity.Onset)
            {
                _speechOnsetAt = now;
                _awaitingFirstPartial = true;
                _burstText = string.Empty;
            }

            _callerSpeaking = activity.Speaking;
            if (voiced)
            {
                _lastVoiceAt = now;
                _lastActivityAt = now;
            }

            if (activity.Speaking && _agentSpeaking)
            {
                interrupted = TryInterruptLocked(now, out cancel);
            }
        }

        if (interrupted)
        {
            AfterInterrupt(cancel);
        }

        return interrupted;
    }

    private bool TakeFrameLocked(long now, out OutboundFrame frame, ref SessionSignal? signal)
    {
        while (_outbound.Reader.TryRead(out frame))
        {
            if (frame.Generation != _generation || !_responseActive)
            {
                _frames.Return(frame.Buffer);
                continue;
            }

            if (!_agentSpeaking)
            {
                _agentSpeaking = true;
                if (_firstFrameOfTurnPending)
                {
                    _firstFrameOfTurnPending = false;
                    var leaving = Stopwatch.GetTimestamp();
                    var latency = Milliseconds(_turnLastSpeechAt, leaving);
                    _metrics.TurnLatency.Record(latency);
                    _kpis.TurnLatency(latency);
                    _metrics.TurnOverhead.Record(Math.Max(0, Milliseconds(_turnDecidedAt, leaving) - _turnProviderMs));
                }
            }

            frame.Segment.Sent++;
            _lastActivityAt = now;
            return true;
        }

        if (_responseActive && _synthesisComplete)
        {
            _responseActive = false;
            _agentSpeaking = false;
            _lastActivityAt = now;
            signal = new SessionSignal.ResponseFinished(_generation);
        }

        return false;
    }

    private SessionSignal? CheckTurnLocked(long now)
    {
        if (_pendingText.Length > 0 && !_agentSpeaking)
        {
            var decision = Endpointing.Decide(_endpointing, _pendingText, _lastConfidence, TimeSpan.FromMilliseconds(Milliseconds(_lastVoiceAt, now)), _callerSpeaking);
            if (decision.Verdict == EndpointingVerdict.EndTurn)
            {
                var text = _pendingText;
                _pendingText = string.Empty;
                _partialText = string.Empty;
                _resumeText = null;
                return new SessionSignal.TurnEnded(text, _lastConfidence, _lastVoiceAt, now);
            }

            return null;
        }

        if (_resumeText is not null && now >= _resumeAt && !_callerSpeaking && _partialText.Length == 0 && !_responseActive)
        {
            return new SessionSignal.Resume();
        }

        return null;
    }

    private SessionSignal.Stop? CheckLimitsLocked(long now)
    {
        if (_stopping)
        {
            return null;
        }

        if (Milliseconds(_startedAt, now) >= _config.EndCall.MaxDurationSec * 1000.0)
        {
            _stopping = true;
            return new SessionSignal.Stop(ConversationEndReasons.MaxDuration, SayGoodbye: true);
        }

        var quiet = !_responseActive && !_callerSpeaking && _pendingText.Length == 0 && _partialText.Length == 0;
        if (quiet && Milliseconds(_lastActivityAt, now) >= _config.EndCall.SilenceHangupSec * 1000.0)
        {
            _stopping = true;
            return new SessionSignal.Stop(ConversationEndReasons.Silence, SayGoodbye: true);
        }

        return null;
    }

    private bool TryInterruptLocked(long now, out CancellationTokenSource? cancel)
    {
        cancel = null;
        if (!_agentSpeaking || !_interruptible)
        {
            return false;
        }

        // Each voiced frame carries a frame of speech: the onset frame alone is 20 ms heard, not zero.
        var speech = _callerSpeaking && _lastVoiceAt >= _speechOnsetAt
            ? TimeSpan.FromMilliseconds(Milliseconds(_speechOnsetAt, _lastVoiceAt) + ConversationOptions.FrameMs)
            : TimeSpan.Zero;
        if (BargeIn.Decide(_bargeIn, agentSpeaking: true, speech, _burstText) != BargeInVerdict.Interrupt)
        {
            return false;
        }

        _generation++;
        _agentSpeaking = false;
        _responseActive = false;
        _firstFrameOfTurnPending = false;
        cancel = _responseCancellation;
        var (played, remainder) = PlayedLocked();
        ReplaceAssistantLocked(played);
        _responseText = null;
        var cutoff = Milliseconds(_speechOnsetAt, now);
        _metrics.BargeInCutoff.Record(cutoff);
        _kpis.BargeInCutoff(cutoff);
        _resumeText = remainder.Length > 0 ? remainder : null;
        _resumeAt = now + (long)(_options.ResumeAfterInterruption.TotalSeconds * Stopwatch.Frequency);
        _signals.Writer.TryWrite(new SessionSignal.Interrupted(played, _speechOnsetAt, now));
        return true;
    }

    private void ReplaceAssistantLocked(string played)
    {
        if (_assistantIndex >= 0 && _assistantIndex < _history.Count)
        {
            if (played.Length > 0)
            {
                _history[_assistantIndex] = new ChatMessage(ChatRole.Assistant, played);
            }
            else
            {
                _history.RemoveAt(_assistantIndex);
            }
        }
        else if (played.Length > 0)
        {
            _history.Add(new ChatMessage(ChatRole.Assistant, played));
        }

        _assistantIndex = -1;
    }

    private void AddAssistantLocked(string text)
    {
        _history.Add(new ChatMessage(ChatRole.Assistant, text));
        _assistantIndex = _history.Count - 1;
    }

    /// <summary>What the caller heard of the response being cut, and the rest; segments not heard whole are marked cleared.</summary>
    private (string Played, string Remainder) PlayedLocked()
    {
        var farEndFrames = (int)(_transport.FarEndBuffer.TotalMilliseconds / ConversationOptions.FrameMs);
        var sent = 0;
        foreach (var segment in _segments)
        {
            sent += segment.Sent;
        }

        // Sent frames minus the far end's buffer is an estimate; a playout report for a segment is a fact.
        var confirmed = 0;
        foreach (var segment in _segments)
        {
            if (!segment.PlayedOut)
            {
                break;
            }

            confirmed += segment.Frames;
        }

        var heard = Math.Max(confirmed, Math.Max(0, sent - farEndFrames));
        var played = new StringBuilder();
        var remainder = new StringBuilder();
        foreach (var segment in _segments)
        {
            if (heard >= segment.Frames && segment.Frames > 0 && remainder.Length == 0)
            {
                Append(played, segment.Text);
                heard -= segment.Frames;
                continue;
            }

            // The far end's buffer is flushed: a report on this segment's mark now (Twilio echoes cleared marks) is not playout.
            segment.Cleared = true;

            if (remainder.Length == 0 && heard > 0 && segment.Frames > 0)
            {
                var part = PlayedText.Truncate(segment.Text, Frames(segment.Frames), Frames(heard));
                Append(played, part);
                Append(remainder, segment.Text[part.Length..]);
                heard = 0;
                continue;
            }

            Append(remainder, segment.Text);
        }

        return (played.ToString(), remainder.ToString());

        static TimeSpan Frames(int count) => TimeSpan.FromMilliseconds(count * ConversationOptions.FrameMs);

        static void Append(StringBuilder builder, string text)
        {
            text = text.Trim();
            if (text.Length > 0)
            {
                builder.Append(builder.Length > 0 ? " " : string.Empty).Append(text);
            }
        }
    }

    private void AfterInterrupt(CancellationTokenSource? cancel)
    {
        while (_outbound.Reader.TryRead(out var stale))
        {
            _frames.Return(stale.Buffer);
        }

        try
        {
            cancel?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The response had already finished.
        }
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

    private void Send(OutboundFrame frame)
    {
        ValueTask sending;
        try
        {
            sending = _transport.SendAudioAsync(frame.Buffer.AsMemory(0, _frameBytes), _lifeToken);
        }
        catch (Exception exception)
        {
            _frames.Return(frame.Buffer);
            TransportFailed(exception);
            return;
        }

        if (sending.IsCompletedSuccessfully)
        {
            _frames.Return(frame.Buffer);
            return;
        }

        _pendingSend = CompleteSendAsync(sending, frame.Buffer);
    }

    /// <summary>Observes a send that did not complete at once; a frame's buffer goes back to the pool when it is done.</summary>
    private async Task CompleteSendAsync(ValueTask sending, byte[]? frame)
    {
        try
        {
            await sending.ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            TransportFailed(exception);
        }
        finally
        {
            if (frame is not null)
            {
                _frames.Return(frame);
            }
        }
    }

    private void SendMark(string name)
    {
        if (!_transport.ReportsPlayout)
        {
            return;
        }

        try
        {
            var sending = _transport.SendMarkAsync(name, _lifeToken);
            if (!sending.IsCompletedSuccessfully)
            {
                _ = CompleteSendAsync(sending, frame: null);
            }
        }
        catch (Exception exception)
        {
            TransportFailed(exception);
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
                _signals.Writer.TryWrite(new SessionSignal.Recognized(result, Stopwatch.GetTimestamp()));
            }
        }
        catch (OperationCanceledException)
        {
            // The session ended.
        }
        catch (Exception exception)
        {
            LogProviderFailed(_logger, _setup.CallId, "recognizer", exception);
            RequestStop(ConversationEndReasons.Error);
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var reason = ConversationEndReasons.Hangup;
        try
        {
            await Task.Yield();
            Timeline("session.started", new { transport = _transport.Name, sampleRate = _sampleRate });
            await OpenAsync(cancellationToken).ConfigureAwait(false);
            await foreach (var signal in _signals.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                var stop = await HandleAsync(signal, cancellationToken).ConfigureAwait(false);
                if (stop is not null)
                {
                    reason = stop;
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped while waiting.
        }
        catch (Exception exception)
        {
            reason = ConversationEndReasons.Error;
            LogSessionFailed(_logger, _setup.CallId, exception);
        }
        finally
        {
            await CloseAsync(reason).ConfigureAwait(false);
        }
    }

    private async Task OpenAsync(CancellationToken cancellationToken)
    {
        var opening = new List<string>(2);
        var consent = !string.IsNullOrWhiteSpace(_config.ConsentPrompt) && !_transport.ConsentPlayedByProvider;
        if (consent)
        {
            opening.Add(_config.ConsentPrompt!);
        }
        else if (!string.IsNullOrWhiteSpace(_config.ConsentPrompt))
        {
            Timeline("consent.played", new { by = _transport.Name });
        }

        if (consent)
        {
            await SpeakScriptedAsync(_config.ConsentPrompt!, interruptible: false, cancellationToken).ConfigureAwait(false);
            await WaitForResponseAsync(cancellationToken).ConfigureAwait(false);
            Timeline("consent.played", new { by = "agent" });
        }

        if (!string.IsNullOrWhiteSpace(_config.FirstMessage))
        {
            _ = SpeakScriptedAsync(_config.FirstMessage, interruptible: true, cancellationToken);
            lock (_gate)
            {
                AddAssistantLocked(_config.FirstMessage);
            }
        }
        else
        {
            lock (_gate)
            {
                _interruptible = _config.Interruptible;
            }
        }
    }

    private async Task WaitForResponseAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var signal = await _signals.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            switch (signal)
            {
                case SessionSignal.ResponseFinished finished:
                    OnResponseFinished(finished);
                    return;
                case SessionSignal.Stop stop:
                    _signals.Writer.TryWrite(stop);
                    return;
                default:
                    // Consent is not interruptible: what the caller says over it is not a turn.
                    break;
            }
        }
    }

    private async ValueTask<string?> HandleAsync(SessionSignal signal, CancellationToken cancellationToken)
    {
        switch (signal)
        {
            case SessionSignal.Recognized recognized:
                await OnRecognizedAsync(recognized, cancellationToken).ConfigureAwait(false);
                return null;
            case SessionSignal.TurnEnded turn:
                await OnTurnEndedAsync(turn, cancellationToken).ConfigureAwait(false);
                return null;
            case SessionSignal.ResponseFinished finished:
                var stopAfter = OnResponseFinished(finished);
                if (stopAfter is not null)
                {
                    try
                    {
                        await WaitForPlayoutAsync(cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        // The far end went away during the goodbye's last words: the call still ends for the goodbye's reason.
                    }
                }

                return stopAfter;
            case SessionSignal.Interrupted interrupted:
                OnInterrupted(interrupted);
                return null;
            case SessionSignal.Resume:
                OnResume(cancellationToken);
                return null;
            case SessionSignal.Digits digits:
                Timeline("dtmf", new { digits = digits.Value });
                await OnTurnEndedAsync(new SessionSignal.TurnEnded($"(pressed {digits.Value})", 1, Stopwatch.GetTimestamp(), Stopwatch.GetTimestamp()), cancellationToken).ConfigureAwait(false);
                return null;
            case SessionSignal.Stop stop when stop.SayGoodbye:
                return await SayGoodbyeAsync(stop.Reason, cancellationToken).ConfigureAwait(false);
            case SessionSignal.Stop stop:
                return stop.Reason;
            default:
                return null;
        }
    }

    private async Task OnRecognizedAsync(SessionSignal.Recognized recognized, CancellationToken cancellationToken)
    {
        var result = recognized.Result;
        var interrupted = false;
        CancellationTokenSource? cancel = null;
        lock (_gate)
        {
            if (_awaitingFirstPartial && result.Text.Length > 0)
            {
                _awaitingFirstPartial = false;
                var firstPartial = Milliseconds(_speechOnsetAt, recognized.At);
                _metrics.AsrFirstPartial.Record(firstPartial);
                _kpis.AsrFirstPartial(firstPartial);
            }

            var accepting = !_agentSpeaking && !(_responseActive && !_interruptible);
            if (result.Text.Length > 0)
            {
                _burstText = result.Text;
            }

            if (_agentSpeaking)
            {
                interrupted = TryInterruptLocked(recognized.At, out cancel);
                accepting = interrupted;
            }

            if (result.IsFinal)
            {
                _partialText = string.Empty;
                if (accepting && result.Text.Length > 0)
                {
                    _pendingText = _pendingText.Length == 0 ? result.Text : _pendingText + " " + result.Text;
                    _lastConfidence = result.Confidence;
                }
            }
            else
            {
                _partialText = result.Text;
            }
        }

        if (interrupted)
        {
            AfterInterrupt(cancel);
            await FlushFarEndAsync(cancellationToken).ConfigureAwait(false);
        }

        if (!result.IsFinal && result.Text.Length > 0)
        {
            await _transport.SendEventAsync(new TranscriptPartial(result.Text, Seconds(recognized.At)), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task OnTurnEndedAsync(SessionSignal.TurnEnded turn, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _turns);
        var endOfUtterance = Milliseconds(turn.LastSpeechAt, turn.DecidedAt);
        _metrics.EndOfUtterance.Record(endOfUtterance);
        lock (_gate)
        {
            _kpis.EndOfUtterance(endOfUtterance);
        }

        await _transport.SendEventAsync(new TranscriptFinal(turn.Text, Seconds(turn.DecidedAt), Math.Round(turn.Confidence, 2)), cancellationToken).ConfigureAwait(false);
        Timeline("stt.final", new { text = turn.Text, confidence = Math.Round(turn.Confidence, 2) });
        var generation = BeginResponse(interruptible: true, turn);
        lock (_gate)
        {
            _history.Add(new ChatMessage(ChatRole.User, turn.Text));
        }

        var ending = EndCallPhrase(turn.Text);
        _response = RespondAsync(generation, ending, CancellationTokenFor(generation));
    }

    private string? OnResponseFinished(SessionSignal.ResponseFinished finished)
    {
        string? text;
        string? stopAfter;
        lock (_gate)
        {
            if (finished.Generation != _generation)
            {
                return null;
            }

            text = _responseText;
            _responseText = null;
            stopAfter = _stopping && _stopReason is not null ? _stopReason : null;
            _interruptible = _config.Interruptible;
            _assistantIndex = -1;
        }

        if (!string.IsNullOrEmpty(text))
        {
            Timeline("agent.turn", new { text });
        }

        return stopAfter;
    }

    /// <summary>
    /// Before ending after a goodbye, lets a far end that reports playout play the last segment out (up to its buffer and
    /// <see cref="ConversationOptions.PlayoutReportTimeout"/>), so that hanging up does not cut the goodbye's last words.
    /// </summary>
    private async Task WaitForPlayoutAsync(CancellationToken cancellationToken)
    {
        if (!_transport.ReportsPlayout)
        {
            return;
        }

        TaskCompletionSource waiter;
        string mark;
        lock (_gate)
        {
            var last = _segments.FindLast(segment => segment.MarkSent);
            if (last is null || last.PlayedOut)
            {
                return;
            }

            waiter = _playoutWaiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            mark = _awaitedMark = last.Mark;
        }

        try
        {
            await waiter.Task.WaitAsync(_transport.FarEndBuffer + _options.PlayoutReportTimeout, _clock, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Timeline("agent.playout_unreported", new { mark });
        }
        finally
        {
            lock (_gate)
            {
                _playoutWaiter = null;
                _awaitedMark = null;
            }
        }
    }

    private void OnInterrupted(SessionSignal.Interrupted interrupted)
    {
        Timeline("bargein", new
        {
            played = interrupted.PlayedText,
            cutoffMs = Math.Round(Milliseconds(interrupted.SpeechOnsetAt, interrupted.StoppedAt), 1),
        });
    }

    private void OnResume(CancellationToken cancellationToken)
    {
        string? text;
        lock (_gate)
        {
            text = _resumeText;
            _resumeText = null;
        }

        if (!string.IsNullOrWhiteSpace(text))
        {
            Timeline("agent.resumed", new { text });
            _ = SpeakScriptedAsync(text, interruptible: true, cancellationToken);
            lock (_gate)
            {
                AddAssistantLocked(text);
            }
        }
    }

    private async Task<string?> SayGoodbyeAsync(string reason, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _stopping = true;
            _stopReason = reason;
        }

        Timeline("call.ending", new { reason });
        await SpeakScriptedAsync(_options.GoodbyeText, interruptible: false, cancellationToken).ConfigureAwait(false);
        return null;
    }

    private int BeginResponse(bool interruptible, SessionSignal.TurnEnded? turn)
    {
        CancellationTokenSource? previous;
        int generation;
        lock (_gate)
        {
            previous = _responseCancellation;
            _generation++;
            generation = _generation;
            _responseCancellation = CancellationTokenSource.CreateLinkedTokenSource(_lifeToken);
            _responseActive = true;
            _agentSpeaking = false;
            _synthesisComplete = false;
            _interruptible = interruptible && _config.Interruptible;
            _segments.Clear();
            _responseText = string.Empty;
            _turnProviderMs = 0;
            _firstFrameOfTurnPending = turn is not null;
            if (turn is not null)
            {
                _turnDecidedAt = turn.DecidedAt;
                _turnLastSpeechAt = turn.LastSpeechAt;
            }
        }

        CancelQuietly(previous);
        while (_outbound.Reader.TryRead(out var stale))
        {
            _frames.Return(stale.Buffer);
        }

        return generation;
    }

    private CancellationToken CancellationTokenFor(int generation)
    {
        lock (_gate)
        {
            return generation == _generation && _responseCancellation is not null ? _responseCancellation.Token : new CancellationToken(canceled: true);
        }
    }

    private Task SpeakScriptedAsync(string text, bool interruptible, CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        var generation = BeginResponse(interruptible, turn: null);
        var token = CancellationTokenFor(generation);
        return _response = SpeakAndCompleteAsync(text, generation, token);
    }

    private async Task SpeakAndCompleteAsync(string text, int generation, CancellationToken cancellationToken)
    {
        try
        {
            AppendResponseText(generation, text);
            await SpeakAsync(text, generation, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Interrupted or ended.
        }
        catch (Exception exception)
        {
            LogProviderFailed(_logger, _setup.CallId, "synthesizer", exception);
        }
        finally
        {
            CompleteSynthesis(generation);
        }
    }

    private async Task RespondAsync(int generation, bool endAfter, CancellationToken cancellationToken)
    {
        try
        {
            for (var round = 0; round < _options.MaxToolRounds; round++)
            {
                var call = await AnswerRoundAsync(generation, cancellationToken).ConfigureAwait(false);
                if (call is null)
                {
                    break;
                }

                var result = await RunToolAsync(call, cancellationToken).ConfigureAwait(false);
                lock (_gate)
                {
                    _history.Add(new ChatMessage(ChatRole.Assistant, string.Empty, call));
                    _history.Add(new ChatMessage(ChatRole.Tool, result, ToolCallId: call.Id));
                }
            }

            if (endAfter)
            {
                lock (_gate)
                {
                    _stopping = true;
                    _stopReason ??= ConversationEndReasons.Agent;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Interrupted by the caller or the end of the call.
        }
        catch (Exception exception)
        {
            LogProviderFailed(_logger, _setup.CallId, "language model", exception);
            await _transport.SendEventAsync(new SessionError("provider_unavailable", "The agent could not answer."), CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            CompleteSynthesis(generation);
        }
    }

    private async Task<ToolCallRequest?> AnswerRoundAsync(int generation, CancellationToken cancellationToken)
    {
        List<ChatMessage> history;
        lock (_gate)
        {
            history = [.. _history];
        }

        var sentences = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var speaking = SpeakSentencesAsync(sentences.Reader, generation, cancellationToken);
        var chunker = new SentenceChunker();
        ToolCallRequest? call = null;
        var requested = Stopwatch.GetTimestamp();
        var first = true;
        var answer = new StringBuilder();
        try
        {
            var request = new LanguageModelRequest(_config.Llm, _config.Prompt, history, _config.Tools);
            await foreach (var chunk in _providers.LanguageModel.StreamAsync(request, cancellationToken).ConfigureAwait(false))
            {
                if (first)
                {
                    first = false;
                    var firstToken = Milliseconds(requested, Stopwatch.GetTimestamp());
                    _metrics.LlmFirstToken.Record(firstToken);
                    AddProviderTime(generation, firstToken, _kpis.LlmFirstToken);
                    Timeline("llm.first_token", new { ms = Math.Round(firstToken, 1) });
                }

                if (chunk.ToolCall is not null)
                {
                    call = chunk.ToolCall;
                    continue;
                }

                if (string.IsNullOrEmpty(chunk.Text))
                {
                    continue;
                }

                answer.Append(chunk.Text);
                await _transport.SendEventAsync(new AgentTextDelta(chunk.Text), cancellationToken).ConfigureAwait(false);
                foreach (var sentence in chunker.Push(chunk.Text))
                {
                    sentences.Writer.TryWrite(sentence);
                }
            }

            if (chunker.Flush() is { } rest)
            {
                sentences.Writer.TryWrite(rest);
            }
        }
        finally
        {
            sentences.Writer.TryComplete();
            await speaking.ConfigureAwait(false);
        }

        if (answer.Length > 0)
        {
            lock (_gate)
            {
                if (generation == _generation)
                {
                    AddAssistantLocked(answer.ToString());
                }
            }
        }

        return call;
    }

    private async Task SpeakSentencesAsync(ChannelReader<string> sentences, int generation, CancellationToken cancellationToken)
    {
        await foreach (var sentence in sentences.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            AppendResponseText(generation, sentence);
            await SpeakAsync(sentence, generation, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SpeakAsync(string text, int generation, CancellationToken cancellationToken)
    {
        SpokenSegment segment;
        bool firstOfResponse;
        lock (_gate)
        {
            if (generation != _generation)
            {
                return;
            }

            segment = new SpokenSegment(text, $"invorto-{++_segmentSequence}");
            firstOfResponse = _segments.Count == 0;
            _segments.Add(segment);
        }

        // One framer per session is reused; a second only while an interrupted answer is still unwinding.
        var framer = Interlocked.Exchange(ref _spareSpeechFramer, null) ?? new PcmFramer(_frameBytes);
        try
        {
            var requested = Stopwatch.GetTimestamp();
            var first = true;
            await foreach (var chunk in _providers.Synthesizer.SynthesizeAsync(new SpeechRequest(_setup.CallId, text, _config.Voice, _sampleRate), cancellationToken).ConfigureAwait(false))
            {
                if (first)
                {
                    first = false;
                    if (firstOfResponse)
                    {
                        var firstChunk = Milliseconds(requested, Stopwatch.GetTimestamp());
                        _metrics.TtsFirstChunk.Record(firstChunk);
                        AddProviderTime(generation, firstChunk, _kpis.TtsFirstChunk);
                        Timeline("tts.first_chunk", new { ms = Math.Round(firstChunk, 1) });
                    }
                }

                framer.Write(chunk.Span);
                await QueueFramesAsync(framer, segment, generation, flush: false, cancellationToken).ConfigureAwait(false);
            }

            await QueueFramesAsync(framer, segment, generation, flush: true, cancellationToken).ConfigureAwait(false);
            bool markNow;
            lock (_gate)
            {
                segment.Queued = true;
                markNow = generation == _generation && segment.TakeMarkDue();
            }

            if (markNow)
            {
                SendMark(segment.Mark);
            }
        }
        finally
        {
            framer.Clear();
            Volatile.Write(ref _spareSpeechFramer, framer);
        }
    }

    private async ValueTask QueueFramesAsync(PcmFramer framer, SpokenSegment segment, int generation, bool flush, CancellationToken cancellationToken)
    {
        while (true)
        {
            var buffer = _frames.Rent(_frameBytes);
            var filled = framer.TryRead(buffer.AsSpan(0, _frameBytes)) || (flush && framer.TryFlush(buffer.AsSpan(0, _frameBytes)));
            if (!filled)
            {
                _frames.Return(buffer);
                return;
            }

            lock (_gate)
            {
                segment.Frames++;
            }

            try
            {
                await _outbound.Writer.WriteAsync(new OutboundFrame(buffer, generation, segment), cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                _frames.Return(buffer);
                throw;
            }
        }
    }

    private async Task<string> RunToolAsync(ToolCallRequest call, CancellationToken cancellationToken)
    {
        Timeline("tool.requested", new { id = call.Id, name = call.Name });
        var definition = _config.Tools.FirstOrDefault(tool => string.Equals(tool.Name, call.Name, StringComparison.Ordinal));
        if (definition is null)
        {
            Timeline("tool.failed", new { id = call.Id, name = call.Name, error = "unknown tool" });
            return """{"error":"unknown tool"}""";
        }

        if (!string.Equals(_transport.Name, "web", StringComparison.Ordinal))
        {
            Timeline("tool.failed", new { id = call.Id, name = call.Name, error = "no tool runner for this transport" });
            return """{"error":"tool unavailable"}""";
        }

        var waiting = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _pendingTools[call.Id] = waiting;
        }

        await _transport.SendEventAsync(new ToolCallRequested(call.Id, call.Name, call.ArgumentsJson), cancellationToken).ConfigureAwait(false);
        try
        {
            var result = await waiting.Task.WaitAsync(TimeSpan.FromMilliseconds(definition.TimeoutMs), cancellationToken).ConfigureAwait(false);
            Timeline("tool.succeeded", new { id = call.Id, name = call.Name });
            return result.Length > MaxToolResultChars ? result[..MaxToolResultChars] : result;
        }
        catch (TimeoutException)
        {
            Timeline("tool.failed", new { id = call.Id, name = call.Name, error = "timeout" });
            return """{"error":"timeout"}""";
        }
        finally
        {
            lock (_gate)
            {
                _pendingTools.Remove(call.Id);
            }
        }
    }

    private void AppendResponseText(int generation, string text)
    {
        lock (_gate)
        {
            if (generation == _generation)
            {
                _responseText = string.IsNullOrEmpty(_responseText) ? text : _responseText + " " + text;
            }
        }
    }

    private void AddProviderTime(int generation, double milliseconds, Action<double> sample)
    {
        lock (_gate)
        {
            sample(milliseconds);
            if (generation == _generation)
            {
                _turnProviderMs += milliseconds;
            }
        }
    }

    private void CompleteSynthesis(int generation)
    {
        lock (_gate)
        {
            if (generation == _generation)
            {
                _synthesisComplete = true;
            }
        }
    }

    private bool EndCallPhrase(string text)
    {
        foreach (var phrase in _config.EndCall.Phrases)
        {
            if (!string.IsNullOrWhiteSpace(phrase) && text.Contains(phrase, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private async Task CloseAsync(string reason)
    {
        CancellationTokenSource? response;
        lock (_gate)
        {
            _stopping = true;
            _generation++;
            _responseActive = false;
            _agentSpeaking = false;
            response = _responseCancellation;
            _responseCancellation = null;
            foreach (var waiting in _pendingTools.Values)
            {
                waiting.TrySetCanceled();
            }

            _pendingTools.Clear();
        }

        _pacing?.Dispose();
        CancelQuietly(response);
        await _life.CancelAsync().ConfigureAwait(false);
        await Quietly(_response).ConfigureAwait(false);
        await Quietly(_pendingSend).ConfigureAwait(false);
        if (_recognition is not null)
        {
            await _recognition.DisposeAsync().ConfigureAwait(false);
        }

        await Quietly(_forwarder).ConfigureAwait(false);
        _outbound.Writer.TryComplete();
        while (_outbound.Reader.TryRead(out var stale))
        {
            _frames.Return(stale.Buffer);
        }

        response?.Dispose();
        Timeline("session.ended", new { reason, turns = Turns });
        _metrics.SessionEnded();
        _ended.TrySetResult(reason);
    }

    private static async Task Quietly(Task? task)
    {
        if (task is null)
        {
            return;
        }

        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Already logged where it failed; closing must finish.
        }
    }

    private static void CancelQuietly(CancellationTokenSource? source)
    {
        try
        {
            source?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already finished.
        }
    }

    private double Seconds(long at) => Math.Round(Milliseconds(_startedAt, at) / 1000, 2);

    private void Timeline(string kind, object payload)
    {
        _timeline.Append(new TimelineEntry(_setup.CallId, _setup.TenantId, kind, _clock.GetUtcNow(), JsonSerializer.Serialize(payload, TimelineJson.Options)));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: the transport failed")]
    private static partial void LogTransportFailed(ILogger logger, Guid callId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {CallId}: the {Provider} failed")]
    private static partial void LogProviderFailed(ILogger logger, Guid callId, string provider, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Call {CallId}: the conversation failed")]
    private static partial void LogSessionFailed(ILogger logger, Guid callId, Exception exception);

    private static class TimelineJson
    {
        public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
    }
}
