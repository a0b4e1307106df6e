namespace Invorto.Application.Conversations.Engine;

/// <summary>What the caller heard of an interrupted reply, and the rest that the agent may resume with.</summary>
internal readonly record struct HeardSplit(string Played, string Remainder);
