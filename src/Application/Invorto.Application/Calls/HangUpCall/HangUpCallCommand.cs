namespace Invorto.Application.Calls.HangUpCall;

public sealed record HangUpCallCommand(Guid TenantId, Guid CallId);
