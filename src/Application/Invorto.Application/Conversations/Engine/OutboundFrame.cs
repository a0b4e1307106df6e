namespace Invorto.Application.Conversations.Engine;

/// <summary>A pooled 20 ms frame of agent audio, tagged with the reply and the segment it belongs to.</summary>
internal readonly record struct OutboundFrame(byte[] Buffer, int ReplyId, SpokenSegment Segment);
