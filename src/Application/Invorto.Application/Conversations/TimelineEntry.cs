namespace Invorto.Application.Conversations;

/// <summary>One fact on a call's timeline (<c>stt.final</c>, <c>llm.first_token</c>, <c>bargein</c>...); <paramref name="PayloadJson"/> is a JSON document or null.</summary>
public sealed record TimelineEntry(Guid CallId, Guid TenantId, string Kind, DateTimeOffset At, string? PayloadJson = null);
