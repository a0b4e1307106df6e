namespace Invorto.Application.Conversations.Engine;

/// <summary>A pooled 20 ms frame of agent audio, tagged with the turn (generation) and segment it belongs to.</summary>
internal readonly record struct OutboundFrame(byte[] Buffer, int Generation, SpokenSegment Segment);
