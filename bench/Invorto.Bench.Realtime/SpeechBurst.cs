using System.Buffers.Binary;

namespace Invorto.Bench.Realtime;

/// <summary>
/// The caller's "speech": a 140 Hz tone with 4 harmonics under a 4 Hz amplitude envelope, scaled to −18 dBFS RMS over the
/// burst, as 20 ms PCM16LE frames at 16 kHz built once and shared read-only by every session.
/// </summary>
public static class SpeechBurst
{
    public const int SampleRate = 16_000;
    public const int SamplesPerFrame = 320;
    public const int FrameBytes = SamplesPerFrame * 2;
    public const double TargetDbfs = -18;

    public static byte[][] Build(int durationMs)
    {
        var frames = durationMs / 20;
        var samples = new double[frames * SamplesPerFrame];
        for (var n = 0; n < samples.Length; n++)
        {
            var t = (double)n / SampleRate;
            var tone = 0.0;
            for (var h = 1; h <= 4; h++)
            {
                tone += Math.Sin(2 * Math.PI * 140 * h * t) / h;
            }

            var envelope = 0.5 * (1 - Math.Cos(2 * Math.PI * 4 * t));
            samples[n] = tone * (0.2 + (0.8 * envelope));
        }

        var rms = Math.Sqrt(samples.Sum(s => s * s) / samples.Length);
        var scale = Math.Pow(10, TargetDbfs / 20) * short.MaxValue / rms;
        var result = new byte[frames][];
        for (var f = 0; f < frames; f++)
        {
            result[f] = new byte[FrameBytes];
            for (var i = 0; i < SamplesPerFrame; i++)
            {
                var value = Math.Clamp(Math.Round(samples[(f * SamplesPerFrame) + i] * scale), short.MinValue, short.MaxValue);
                BinaryPrimitives.WriteInt16LittleEndian(result[f].AsSpan(i * 2), (short)value);
            }
        }

        return result;
    }

    /// <summary>RMS level of PCM16LE frames in dBFS (−100 for digital silence).</summary>
    public static double RmsDbfs(IEnumerable<byte[]> frames)
    {
        double sum = 0;
        long count = 0;
        foreach (var frame in frames)
        {
            for (var i = 0; i + 1 < frame.Length; i += 2)
            {
                double sample = BinaryPrimitives.ReadInt16LittleEndian(frame.AsSpan(i));
                sum += sample * sample;
                count++;
            }
        }

        return count == 0 || sum == 0 ? -100 : 20 * Math.Log10(Math.Sqrt(sum / count) / short.MaxValue);
    }
}
