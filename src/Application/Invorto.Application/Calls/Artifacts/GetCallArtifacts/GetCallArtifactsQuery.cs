namespace Invorto.Application.Calls.Artifacts.GetCallArtifacts;

public sealed record GetCallArtifactsQuery(Guid TenantId, Guid CallId);
