using Invorto.Application.Agents.Configuration;
using Invorto.Application.Conversations.Providers;
using Invorto.Domain.Conversations.Turns;

namespace Invorto.Application.Conversations.Engine;

/// <summary>
/// The caller's turn as it forms: whether they are speaking and since when, the recognizer's partial and final words,
/// and endpointing (the agent's rules) deciding when the turn has ended. Guarded by the session's lock.
/// </summary>
internal sealed class CallerTurn
{
    private readonly EndpointingRules _rules;
    private readonly EngineClock _clock;
    private double _confidence;

    public CallerTurn(EndpointingSettings settings, WaitFunction? wait, EngineClock clock)
    {
        _rules = RulesFor(settings, wait);
        _clock = clock;
    }

    public bool Speaking { get; private set; }

    public long SpeechOnsetAt { get; private set; }

    public long LastVoiceAt { get; private set; }

    /// <summary>The latest partial hypothesis of the words being spoken; empty between utterances.</summary>
    public string Partial { get; private set; } = string.Empty;

    /// <summary>The words of the current burst of speech, which barge-in weighs (a backchannel does not interrupt).</summary>
    public string Burst { get; private set; } = string.Empty;

    /// <summary>Final words not yet answered.</summary>
    public string Pending { get; private set; } = string.Empty;

    /// <summary>Nothing of the caller is in flight: not speaking, no partial, no pending words.</summary>
    public bool Quiet => !Speaking && Pending.Length == 0 && Partial.Length == 0;

    private bool AwaitingFirstPartial { get; set; }

    /// <summary>A frame of caller audio: an onset starts a new burst, a voiced frame moves the last time the caller spoke.</summary>
    public void OnFrame(CallerFrame frame, long now)
    {
        if (frame.Activity.Onset)
        {
            SpeechOnsetAt = now;
            AwaitingFirstPartial = true;
            Burst = string.Empty;
        }

        Speaking = frame.Activity.Speaking;
        if (frame.Voiced)
        {
            LastVoiceAt = now;
        }
    }

    /// <summary>How long the caller has spoken in this burst; each voiced frame carries 20 ms, so the onset alone is not zero.</summary>
    public TimeSpan SpeechSoFar() => Speaking && LastVoiceAt >= SpeechOnsetAt
        ? TimeSpan.FromMilliseconds(_clock.Milliseconds(SpeechOnsetAt, LastVoiceAt) + ConversationOptions.FrameMs)
        : TimeSpan.Zero;

    /// <summary>A recognizer result arrives; returns the first-partial latency (ms) when it is the burst's first words.</summary>
    public double? Heard(RecognitionResult result, long at)
    {
        double? firstPartial = null;
        if (AwaitingFirstPartial && result.Text.Length > 0)
        {
            AwaitingFirstPartial = false;
            firstPartial = _clock.Milliseconds(SpeechOnsetAt, at);
        }

        if (result.Text.Length > 0)
        {
            Burst = result.Text;
        }

        return firstPartial;
    }

    /// <summary>Keeps a final result's words for the turn when the agent is listening; a partial replaces the last partial.</summary>
    public void Accept(RecognitionResult result, bool listening)
    {
        if (!result.IsFinal)
        {
            Partial = result.Text;
            return;
        }

        Partial = string.Empty;
        if (listening && result.Text.Length > 0)
        {
            Pending = Pending.Length == 0 ? result.Text : Pending + " " + result.Text;
            _confidence = result.Confidence;
        }
    }

    /// <summary>The ended turn when endpointing says the pending words are complete at <paramref name="now"/>.</summary>
    public SessionSignal.TurnEnded? TryEnd(long now)
    {
        if (Pending.Length == 0)
        {
            return null;
        }

        var decision = Endpointing.Decide(_rules, Pending, _confidence, TimeSpan.FromMilliseconds(_clock.Milliseconds(LastVoiceAt, now)), Speaking);
        if (decision.Verdict != EndpointingVerdict.EndTurn)
        {
            return null;
        }

        var text = Pending;
        Pending = string.Empty;
        Partial = string.Empty;
        return new SessionSignal.TurnEnded(text, _confidence, new TurnTiming(LastVoiceAt, now));
    }

    private static EndpointingRules RulesFor(EndpointingSettings settings, WaitFunction? function)
    {
        Func<double, double> wait = function is not null ? function.Evaluate : _ => settings.SilenceMs;
        var enabled = !string.Equals(settings.Provider, "off", StringComparison.OrdinalIgnoreCase);
        return new EndpointingRules(settings.SilenceMs, settings.MinWords, settings.ConfidenceThreshold, wait, enabled);
    }
}
