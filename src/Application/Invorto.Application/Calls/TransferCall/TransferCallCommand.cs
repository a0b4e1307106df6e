namespace Invorto.Application.Calls.TransferCall;

/// <summary><c>POST /v1/calls/{id}/transfer</c> <c>{to, mode: "blind"|"attended"}</c>.</summary>
public sealed record TransferCallCommand(Guid TenantId, Guid CallId, string? To, string? Mode);
