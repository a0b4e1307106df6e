namespace Invorto.Application.Calls.Artifacts.DownloadArtifact;

/// <summary>A request made through a signed artifact link; the signature is its only credential.</summary>
public sealed record DownloadArtifactQuery(Guid CallId, string? Kind, string? Exp, string? Sig);
