namespace Invorto.Application.Abstractions;

/// <summary>What a call leaves behind: its recording (<c>recording.wav</c>) and its transcript (<c>transcript.json</c>).</summary>
public enum ArtifactKind
{
    Recording = 0,
    Transcript = 1,
}
