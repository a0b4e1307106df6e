using Invorto.Application.Abstractions;

namespace Invorto.Application.Calls;

/// <summary>The wire names of <see cref="ArtifactKind"/>: <c>recording</c>, <c>transcript</c>.</summary>
public static class ArtifactKinds
{
    public static string NameOf(ArtifactKind kind) => kind switch
    {
        ArtifactKind.Recording => "recording",
        ArtifactKind.Transcript => "transcript",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static bool TryParse(string? name, out ArtifactKind kind)
    {
        switch (name)
        {
            case "recording":
                kind = ArtifactKind.Recording;
                return true;
            case "transcript":
                kind = ArtifactKind.Transcript;
                return true;
            default:
                kind = default;
                return false;
        }
    }

    public static string ContentTypeOf(ArtifactKind kind) => kind == ArtifactKind.Recording ? "audio/wav" : "application/json";

    public static string FileNameOf(ArtifactKind kind) => kind == ArtifactKind.Recording ? "recording.wav" : "transcript.json";
}
