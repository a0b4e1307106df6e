namespace Invorto.Application.Conversations;

/// <summary>A media session's heartbeat: which call, over which transport (<c>jambonz</c>, <c>twilio</c>, <c>web</c>), served by which host, and when.</summary>
public sealed record SessionBeat(Guid CallId, Guid TenantId, string Transport, string Host, DateTimeOffset At);
