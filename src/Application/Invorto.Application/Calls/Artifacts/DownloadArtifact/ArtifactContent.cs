namespace Invorto.Application.Calls.Artifacts.DownloadArtifact;

/// <summary>An artifact's bytes as a stream the receiver disposes, with its media type and file name.</summary>
public sealed record ArtifactContent(Stream Content, string ContentType, string FileName);
