using System.Buffers.Binary;

namespace Invorto.Bench.Offline.Calls;

/// <summary>Where speech is in PCM16LE frames: a frame is voiced when its RMS reaches <see cref="ThresholdDbfs"/>.</summary>
public static class VoicedFrames
{
    public const double ThresholdDbfs = -40;

    /// <summary>The index of the last voiced frame, or -1 when none is.</summary>
    public static int LastVoiced(IReadOnlyList<byte[]> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        for (var i = frames.Count - 1; i >= 0; i--)
        {
            if (Dbfs(frames[i]) >= ThresholdDbfs)
            {
                return i;
            }
        }

        return -1;
    }

    public static double Dbfs(ReadOnlySpan<byte> frame)
    {
        var samples = frame.Length / 2;
        if (samples == 0)
        {
            return double.NegativeInfinity;
        }

        var sum = 0.0;
        for (var i = 0; i < samples; i++)
        {
            double sample = BinaryPrimitives.ReadInt16LittleEndian(frame[(i * 2)..]);
            sum += sample * sample;
        }

        var rms = Math.Sqrt(sum / samples);
        return rms == 0 ? double.NegativeInfinity : 20 * Math.Log10(rms / short.MaxValue);
    }

    /// <summary>Cuts PCM16LE audio into frames of <paramref name="frameBytes"/>, the last one padded with silence.</summary>
    public static byte[][] Cut(byte[] audio, int frameBytes)
    {
        ArgumentNullException.ThrowIfNull(audio);
        var frames = new byte[(audio.Length + frameBytes - 1) / frameBytes][];
        for (var i = 0; i < frames.Length; i++)
        {
            frames[i] = new byte[frameBytes];
            var offset = i * frameBytes;
            audio.AsSpan(offset, Math.Min(frameBytes, audio.Length - offset)).CopyTo(frames[i]);
        }

        return frames;
    }
}
