namespace Invorto.Bench.Offline;

/// <summary>Recognition at one sample rate: accuracy with adapted (pooled) decoders and with new ones, and its cost.</summary>
public sealed record RecognitionFigures(
    int SampleRate,
    double WordAccuracy,
    double WordAccuracyNewDecoder,
    double Rtf,
    double CpuRtf,
    double AudioSeconds,
    IReadOnlyList<(string Phrase, string Heard, double Confidence)> Results);
