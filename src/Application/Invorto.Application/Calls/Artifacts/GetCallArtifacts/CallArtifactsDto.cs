namespace Invorto.Application.Calls.Artifacts.GetCallArtifacts;

/// <summary><c>GET /v1/calls/{id}/artifacts</c>: the call's stored artifacts; empty when there are none (yet).</summary>
public sealed record CallArtifactsDto(IReadOnlyList<ArtifactLinkDto> Artifacts);
