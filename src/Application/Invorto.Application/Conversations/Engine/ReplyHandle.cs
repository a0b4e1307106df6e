using System.Text;
using Invorto.Application.Conversations.Providers;
using Invorto.Domain.Conversations.Turns;

namespace Invorto.Application.Conversations.Engine;

/// <summary>
/// One agent reply, from the moment it is decided to the moment its last frame has left or the caller cut it: what was
/// generated, the spoken segments with the frames queued and sent for each, what the far end reported as played, and
/// whether and where it was interrupted. Cancelling it stops its language model and synthesizer streams. Its state is
/// guarded by the session's lock; <see cref="Token"/> and <see cref="Cancel"/> are safe from any thread.
/// </summary>
internal sealed class ReplyHandle
{
    private readonly CancellationTokenSource _cancellation;
    private readonly List<SpokenSegment> _segments = [];
    private string _text = string.Empty;
    private int _endings;

    public ReplyHandle(int id, bool interruptible, TurnTiming? turn, CancellationToken life)
    {
        Id = id;
        Interruptible = interruptible;
        Turn = turn;
        FirstFramePending = turn is not null;
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(life);
        Token = _cancellation.Token;
    }

    public int Id { get; }

    public CancellationToken Token { get; }

    /// <summary>The caller may cut this reply off (barge-in); consent and goodbyes may not be.</summary>
    public bool Interruptible { get; }

    /// <summary>The caller's turn this reply answers; null for scripted speech (greeting, resume, goodbye).</summary>
    public TurnTiming? Turn { get; }

    /// <summary>Still the session's reply: not superseded by a newer one, not interrupted, the session not closing.</summary>
    public bool IsCurrent { get; private set; } = true;

    /// <summary>Its audio may still leave: current and not yet played out whole.</summary>
    public bool Active { get; private set; } = true;

    /// <summary>Its audio is leaving: the first frame has gone and the last has not.</summary>
    public bool Speaking { get; private set; }

    /// <summary>Every sentence of the reply has been synthesized and queued.</summary>
    public bool SynthesisComplete { get; private set; }

    public bool Interrupted { get; private set; }

    /// <summary>The first frame of an answer to a turn has yet to leave (its latency is measured then).</summary>
    public bool FirstFramePending { get; private set; }

    /// <summary>Time spent waiting on providers before the first frame (LLM first token, TTS first chunk), in ms.</summary>
    public double ProviderMs { get; private set; }

    /// <summary>The assistant message of this reply in the history, replaced by what was heard when the caller cuts it.</summary>
    public ChatMessage? HistoryEntry { get; set; }

    public IReadOnlyList<SpokenSegment> Segments => _segments;

    public void AppendText(string text)
    {
        if (IsCurrent)
        {
            _text = _text.Length == 0 ? text : _text + " " + text;
        }
    }

    /// <summary>The text generated so far, once: the reply's timeline entry is written when it finishes.</summary>
    public string TakeText()
    {
        var text = _text;
        _text = string.Empty;
        return text;
    }

    public SpokenSegment? AddSegment(string text, string mark)
    {
        if (!IsCurrent)
        {
            return null;
        }

        var segment = new SpokenSegment(text, mark);
        _segments.Add(segment);
        return segment;
    }

    public SpokenSegment? FindSegment(string mark) => _segments.Find(segment => string.Equals(segment.Mark, mark, StringComparison.Ordinal));

    public void AddProviderTime(double milliseconds)
    {
        if (IsCurrent)
        {
            ProviderMs += milliseconds;
        }
    }

    public void CompleteSynthesis()
    {
        if (IsCurrent)
        {
            SynthesisComplete = true;
        }
    }

    /// <summary>A frame of this reply has left; true when it was the first of an answer to a turn.</summary>
    public bool FrameSent(SpokenSegment segment)
    {
        segment.Sent++;
        Speaking = true;
        var first = FirstFramePending;
        FirstFramePending = false;
        return first;
    }

    /// <summary>True once, when every frame has left after synthesis completed: the reply is over.</summary>
    public bool TryFinish()
    {
        if (!Active || !SynthesisComplete)
        {
            return false;
        }

        Active = false;
        Speaking = false;
        return true;
    }

    /// <summary>
    /// The caller cut the reply off: it stops being current, and the result is what the caller heard (whole segments the far
    /// end reported as played or that left before its buffer, plus the heard part of the segment cut) and what was not.
    /// Segments not heard whole are marked cleared, so a late report on their marks does not count as playout.
    /// </summary>
    public HeardSplit Interrupt(TimeSpan farEndBuffer)
    {
        Interrupted = true;
        Close();
        var heard = Math.Max(ConfirmedFrames(), Math.Max(0, SentFrames() - (int)(farEndBuffer.TotalMilliseconds / ConversationOptions.FrameMs)));
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

        return new HeardSplit(played.ToString(), remainder.ToString());
    }

    /// <summary>A newer reply or the end of the session replaces this one; its frames still queued are stale.</summary>
    public void Close()
    {
        IsCurrent = false;
        Active = false;
        Speaking = false;
        FirstFramePending = false;
    }

    public void Cancel()
    {
        try
        {
            _cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already finished.
        }
    }

    /// <summary>
    /// Cancels the reply for good (a newer one replaced it, or the session closed). Its token source, linked to the
    /// session's life, is released once its task has finished too, so a long call does not collect one per reply.
    /// </summary>
    public void Retire()
    {
        Cancel();
        Release();
    }

    /// <summary>The reply's task (answer or scripted speech) has finished.</summary>
    public void Finish() => Release();

    private void Release()
    {
        if (Interlocked.Increment(ref _endings) == 2)
        {
            _cancellation.Dispose();
        }
    }

    private int SentFrames()
    {
        var sent = 0;
        foreach (var segment in _segments)
        {
            sent += segment.Sent;
        }

        return sent;
    }

    // Sent frames minus the far end's buffer is an estimate; a playout report for a segment is a fact.
    private int ConfirmedFrames()
    {
        var confirmed = 0;
        foreach (var segment in _segments)
        {
            if (!segment.PlayedOut)
            {
                break;
            }

            confirmed += segment.Frames;
        }

        return confirmed;
    }

    private static TimeSpan Frames(int count) => TimeSpan.FromMilliseconds(count * ConversationOptions.FrameMs);

    private static void Append(StringBuilder builder, string text)
    {
        text = text.Trim();
        if (text.Length > 0)
        {
            builder.Append(builder.Length > 0 ? " " : string.Empty).Append(text);
        }
    }
}
