namespace Invorto.Application.Calls.Artifacts.EraseCallArtifacts;

/// <summary><c>DELETE /v1/calls/{id}/artifacts</c>: erase the call's recording and transcript.</summary>
public sealed record EraseCallArtifactsCommand(Guid TenantId, Guid CallId);
