namespace Invorto.Application.Calls.Artifacts.GetCallArtifacts;

/// <summary>
/// <c>GET /v1/calls/{id}/artifacts</c>: signed download links to the call's recording and transcript (null when not
/// stored, or not yet), each working until <paramref name="ExpiresAt"/>.
/// </summary>
public sealed record CallArtifactsDto(Uri? Recording, Uri? Transcript, DateTimeOffset ExpiresAt);
