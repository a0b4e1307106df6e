namespace Invorto.Application.Calls.Artifacts.GetCallArtifacts;

/// <summary>One stored artifact and a download link that stops working at <paramref name="ExpiresAt"/>.</summary>
public sealed record ArtifactLinkDto(string Kind, Uri Url, DateTimeOffset ExpiresAt);
