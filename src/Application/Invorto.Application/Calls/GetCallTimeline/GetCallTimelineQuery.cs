namespace Invorto.Application.Calls.GetCallTimeline;

public sealed record GetCallTimelineQuery(Guid TenantId, Guid CallId);
