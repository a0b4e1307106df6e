namespace Invorto.Application.Agents.Configuration;

/// <summary>Speech recognition: provider deepgram or pocketsphinx (offline).</summary>
public sealed record AsrSettings
{
    public string Provider { get; init; } = "deepgram";

    public string Model { get; init; } = "nova-3";

    public string Language { get; init; } = "en-IN";
}
