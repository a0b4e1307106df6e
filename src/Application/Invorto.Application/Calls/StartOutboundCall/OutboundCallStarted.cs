namespace Invorto.Application.Calls.StartOutboundCall;

public sealed record OutboundCallStarted(Guid Id, string Status);
