namespace Invorto.Application.Conversations.Engine;

/// <summary>One synthesized piece of an agent turn and how many of its 20 ms frames were queued and sent.</summary>
internal sealed class SpokenSegment(string text)
{
    public string Text { get; } = text;

    public int Frames { get; set; }

    public int Sent { get; set; }
}
