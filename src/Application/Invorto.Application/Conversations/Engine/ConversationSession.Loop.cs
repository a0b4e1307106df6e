using Invorto.Application.Conversations.Transport;
using Invorto.Application.Conversations.Usage;

namespace Invorto.Application.Conversations.Engine;

/// <summary>
/// The session's engine loop: the one task that reacts, in order, to what the audio threads and the recognizer signal
/// (recognitions, ended turns, finished and interrupted replies, resumes, digits, stops), starts each reply and closes
/// the session. The receive and pacer side is in <c>ConversationSession.cs</c>.
/// </summary>
public sealed partial class ConversationSession
{
    /// <summary>What each provider served this call so far (nothing for scripted providers).</summary>
    public ConversationUsage Usage => _providers.Usage?.Snapshot() ?? ConversationUsage.None;

    // True while the engine loop waits for the next signal; read by the IsSettled probe.
    private volatile bool _waitingForSignal;

    /// <summary>
    /// For tests on a fake clock: true when none of the session's own tasks has work it can do without time passing or
    /// the caller acting: no signal or recognition is queued, the engine loop waits for a signal (or a playout report),
    /// and the reply being generated is done or waits for room in the outbound queue or a tool's result, or, when the
    /// test says a provider is waiting out its latency on the clock (<paramref name="providerWaiting"/>), for it. Or it has ended.
    /// </summary>
    internal bool IsSettled(bool providerWaiting = false) =>
        _ended.Task.IsCompleted
        || (!_signals.Reader.TryPeek(out _)
            && (_recognition is null || !_recognition.Results.TryPeek(out _))
            && (_waitingForSignal || _playout.Waiting)
            && (providerWaiting || _work is not { IsCompleted: false } || _outbound.WriterWaiting || _tools.Waiting));

    /// <summary>For tests on a fake clock: what <see cref="IsSettled"/> weighs, for a failure message.</summary>
    internal string SettleState =>
        $"ended={_ended.Task.IsCompleted} signal={_signals.Reader.TryPeek(out _)} waitingForSignal={_waitingForSignal} playoutWaiting={_playout.Waiting} " +
        $"work={_work?.Status.ToString() ?? "none"} writerWaiting={_outbound.WriterWaiting} toolWaiting={_tools.Waiting}";

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var reason = ConversationEndReasons.Hangup;
        try
        {
            await Task.Yield();
            _telemetry.Record(TimelineKinds.SessionStarted, new { transport = _transport.Name, sampleRate = SampleRate });
            await OpenAsync(cancellationToken).ConfigureAwait(false);
            while (true)
            {
                var signal = await NextSignalAsync(cancellationToken).ConfigureAwait(false);
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

    /// <summary>The consent prompt (unless the telephony provider played it), then the greeting.</summary>
    private async Task OpenAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(_config.ConsentPrompt))
        {
            if (_transport.ConsentPlayedByProvider)
            {
                _telemetry.Record(TimelineKinds.ConsentPlayed, new { by = _transport.Name });
            }
            else
            {
                Speak(_config.ConsentPrompt, interruptible: false, remember: false);
                await WaitForReplyAsync(cancellationToken).ConfigureAwait(false);
                _telemetry.Record(TimelineKinds.ConsentPlayed, new { by = "agent" });
            }
        }

        if (!string.IsNullOrWhiteSpace(_config.FirstMessage))
        {
            Speak(_config.FirstMessage, interruptible: true, remember: true);
        }
    }

    /// <summary>Waits for the consent prompt to play out; what the caller says over it is not a turn.</summary>
    private async Task WaitForReplyAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var signal = await NextSignalAsync(cancellationToken).ConfigureAwait(false);
            switch (signal)
            {
                case SessionSignal.ReplyFinished finished:
                    OnReplyFinished(finished.Reply);
                    return;
                case SessionSignal.Stop stop:
                    _signals.Writer.TryWrite(stop);
                    return;
            }
        }
    }

    /// <summary>The next signal, in order; waits (observably, for <see cref="IsSettled"/>) while there is none.</summary>
    private async ValueTask<SessionSignal> NextSignalAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_signals.Reader.TryRead(out var signal))
            {
                return signal;
            }

            _waitingForSignal = true;
            try
            {
                await _signals.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _waitingForSignal = false;
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
            case SessionSignal.ReplyFinished finished:
                return await OnReplyFinishedAsync(finished.Reply, cancellationToken).ConfigureAwait(false);
            case SessionSignal.Interrupted interrupted:
                _telemetry.Record(TimelineKinds.BargeIn, new
                {
                    played = ConversationTelemetry.Cut(interrupted.PlayedText),
                    cutoffMs = Math.Round(_clock.Milliseconds(interrupted.SpeechOnsetAt, interrupted.StoppedAt), 1),
                });
                return null;
            case SessionSignal.Resume:
                OnResume();
                return null;
            case SessionSignal.Digits digits:
                _telemetry.Record(TimelineKinds.Dtmf, new { digits = digits.Value });
                var now = _clock.Now;
                await OnTurnEndedAsync(new SessionSignal.TurnEnded($"(pressed {digits.Value})", 1, new TurnTiming(now, now)), cancellationToken).ConfigureAwait(false);
                return null;
            case SessionSignal.Stop { SayGoodbye: true } stop:
                lock (_gate)
                {
                    _limits.EndWithGoodbye(stop.Reason);
                }

                _telemetry.Record(TimelineKinds.CallEnding, new { reason = stop.Reason });
                Speak(stop.Reason == ConversationEndReasons.ProviderUnavailable ? _options.ApologyText : _options.GoodbyeText, interruptible: false, remember: false);
                return null;
            case SessionSignal.Stop stop:
                return stop.Reason;
            default:
                return null;
        }
    }

    private async Task OnRecognizedAsync(SessionSignal.Recognized recognized, CancellationToken cancellationToken)
    {
        var result = recognized.Result;
        ReplyHandle? cut = null;
        lock (_gate)
        {
            if (_caller.Heard(result, recognized.At) is { } firstPartial)
            {
                _telemetry.FirstPartialLocked(firstPartial);
            }

            var reply = _reply;
            var listening = reply is not { Active: true } || (reply.Interruptible && !reply.Speaking);
            if (reply is { Speaking: true })
            {
                listening = TryInterruptLocked(recognized.At);
                cut = listening ? reply : null;
            }

            _caller.Accept(result, listening);
        }

        if (cut is not null)
        {
            AfterInterrupt(cut);
            await FlushFarEndAsync(cancellationToken).ConfigureAwait(false);
        }

        if (!result.IsFinal && result.Text.Length > 0)
        {
            await _transport.SendEventAsync(new TranscriptPartial(result.Text, _telemetry.Seconds(recognized.At)), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task OnTurnEndedAsync(SessionSignal.TurnEnded turn, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _turns);
        lock (_gate)
        {
            _telemetry.EndOfUtteranceLocked(_clock.Milliseconds(turn.Timing.LastSpeechAt, turn.Timing.DecidedAt));
        }

        var confidence = Math.Round(turn.Confidence, 2);
        await _transport.SendEventAsync(new TranscriptFinal(turn.Text, _telemetry.Seconds(turn.Timing.DecidedAt), confidence), cancellationToken).ConfigureAwait(false);
        _telemetry.Record(TimelineKinds.TranscriptFinal, new { text = ConversationTelemetry.Cut(turn.Text), confidence });
        var reply = BeginReply(interruptible: true, turn.Timing);
        lock (_gate)
        {
            _history.AddUser(turn.Text);
        }

        _work = _generator.RespondAsync(reply, endAfter: _limits.IsEndPhrase(turn.Text), Turns);
    }

    /// <summary>A reply played out whole: its text goes to the timeline; when the call was ending, it ends now.</summary>
    private async Task<string?> OnReplyFinishedAsync(ReplyHandle reply, CancellationToken cancellationToken)
    {
        var stopAfter = OnReplyFinished(reply);
        if (stopAfter is null)
        {
            return null;
        }

        try
        {
            if (await _playout.WaitForLastAsync(reply, cancellationToken).ConfigureAwait(false) is { } unreported)
            {
                _telemetry.Record(TimelineKinds.AgentPlayoutUnreported, new { mark = unreported });
            }
        }
        catch (OperationCanceledException)
        {
            // The far end went away during the goodbye's last words: the call still ends for the goodbye's reason.
        }

        return stopAfter;
    }

    private string? OnReplyFinished(ReplyHandle reply)
    {
        string text;
        string? stopAfter;
        lock (_gate)
        {
            if (!ReferenceEquals(reply, _reply) || !reply.IsCurrent)
            {
                return null;
            }

            text = reply.TakeText();
            stopAfter = _limits.Stopping ? _limits.StopReason : null;
        }

        if (text.Length > 0)
        {
            _telemetry.Record(TimelineKinds.AgentTurn, new { text = ConversationTelemetry.Cut(text) });
        }

        return stopAfter;
    }

    private void OnResume()
    {
        string? text;
        lock (_gate)
        {
            text = _bargeIn.TakeResume();
        }

        if (!string.IsNullOrWhiteSpace(text))
        {
            _telemetry.Record(TimelineKinds.AgentResumed, new { text = ConversationTelemetry.Cut(text) });
            Speak(text, interruptible: true, remember: true);
        }
    }

    /// <summary>
    /// Says a scripted text as a reply of its own; with <paramref name="remember"/> the history records it as the agent's.
    /// The loop does not wait for it: the queue holds 200 ms, so synthesis lasts about as long as the speech, and the reply's
    /// end comes back as a signal.
    /// </summary>
    private void Speak(string text, bool interruptible, bool remember)
    {
        var reply = BeginReply(interruptible, turn: null);
        lock (_gate)
        {
            if (remember && reply.IsCurrent)
            {
                reply.HistoryEntry = _history.AddAssistant(text);
            }
        }

        _work = _generator.SpeakAsync(reply, text);
    }

    /// <summary>Starts a reply; the one before it, if any, is over and its queued audio dropped.</summary>
    private ReplyHandle BeginReply(bool interruptible, TurnTiming? turn)
    {
        ReplyHandle? previous;
        ReplyHandle reply;
        lock (_gate)
        {
            previous = _reply;
            previous?.Close();
            reply = new ReplyHandle(++_replyIds, interruptible && _config.Interruptible, turn, _lifeToken);
            _reply = reply;
        }

        previous?.Retire();
        _outbound.Clear();
        return reply;
    }

    private async Task CloseAsync(string reason)
    {
        ReplyHandle? reply;
        string unfinished;
        lock (_gate)
        {
            _limits.StopNow();
            reply = _reply;
            unfinished = reply?.TakeText() ?? string.Empty;
            reply?.Close();
            _inbound.ClearLocked();
        }

        if (unfinished.Length > 0)
        {
            _telemetry.Record(TimelineKinds.AgentTurn, new { text = ConversationTelemetry.Cut(unfinished), cutBy = reason });
        }

        _tools.CancelAll();
        _pacing?.Dispose();
        reply?.Retire();
        await _life.CancelAsync().ConfigureAwait(false);
        await Quietly(_work).ConfigureAwait(false);
        await Quietly(_outbound.PendingSend).ConfigureAwait(false);
        if (_recognition is not null)
        {
            await _recognition.DisposeAsync().ConfigureAwait(false);
        }

        await Quietly(_forwarder).ConfigureAwait(false);
        _outbound.Complete();
        _telemetry.Record(TimelineKinds.SessionEnded, new { reason, turns = Turns });
        _telemetry.Metrics.SessionEnded();
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
}
