using Microsoft.Extensions.Configuration;

namespace Invorto.Infrastructure.Artifacts;

/// <summary>Where the file-system artifact store keeps recordings and transcripts (spec §11).</summary>
public sealed class ArtifactsOptions
{
    /// <summary>Unset means <c>&lt;INVORTO_DATA_DIR&gt;/artifacts</c>.</summary>
    [ConfigurationKeyName("ARTIFACTS_PATH")]
    public string? ArtifactsPath { get; set; }
}
