namespace Invorto.Application.Calls.GetCall;

public sealed record GetCallQuery(Guid TenantId, Guid CallId);
