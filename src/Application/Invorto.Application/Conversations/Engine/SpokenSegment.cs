namespace Invorto.Application.Conversations.Engine;

/// <summary>
/// One synthesized piece of an agent turn: how many of its 20 ms frames were queued and sent, and the mark that follows
/// its last frame so that a far end reporting playout can say when the caller has heard all of it.
/// </summary>
internal sealed class SpokenSegment(string text, string mark)
{
    public string Text { get; } = text;

    public string Mark { get; } = mark;

    public int Frames { get; set; }

    public int Sent { get; set; }

    /// <summary>Every frame is queued: the segment ends when <see cref="Sent"/> reaches <see cref="Frames"/>.</summary>
    public bool Queued { get; set; }

    public bool MarkSent { get; set; }

    /// <summary>The far end reported that its playback passed the mark.</summary>
    public bool PlayedOut { get; set; }

    /// <summary>A barge-in flushed the far end before the segment played out.</summary>
    public bool Cleared { get; set; }

    /// <summary>True once, when the segment's last frame has left and its mark is still to be sent.</summary>
    public bool TakeMarkDue()
    {
        if (!Queued || MarkSent || Sent < Frames)
        {
            return false;
        }

        MarkSent = true;
        return true;
    }
}
