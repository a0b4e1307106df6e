namespace Invorto.Bench.Offline;

/// <summary>What one run of the offline speech benchmark measured.</summary>
public sealed record OfflineFigures
{
    public required double TtsFirstAudioMsMedian { get; init; }

    public required double TtsFirstAudioMsP95 { get; init; }

    /// <summary>Synthesis time over the length of the audio made, at 8 kHz.</summary>
    public required double TtsRtf { get; init; }

    public required int TtsRequests { get; init; }

    /// <summary>The same replies through a new <c>espeak-ng --stdout</c> process each: the route not taken.</summary>
    public required double ProcessFirstAudioMsMedian { get; init; }

    public required double ProcessFirstAudioMsP95 { get; init; }

    public required RecognitionFigures Wide { get; init; }

    public required RecognitionFigures Narrow { get; init; }
}
