using System.Buffers.Binary;
using Invorto.Application.Audio;

namespace Invorto.Testing.Providers;

/// <summary>Sine tones as a speech provider would send them, and the measurements that tell whether audio survived conversion.</summary>
public static class TestTone
{
    public static byte[] Pcm16(int sampleRate, double frequencyHz, TimeSpan duration, double amplitude = 0.5)
    {
        var samples = (int)(sampleRate * duration.TotalSeconds);
        var pcm = new byte[samples * 2];
        for (var i = 0; i < samples; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(pcm.AsSpan(i * 2), Sample(sampleRate, frequencyHz, amplitude, i));
        }

        return pcm;
    }

    public static byte[] MuLaw8k(double frequencyHz, TimeSpan duration, double amplitude = 0.5)
    {
        var samples = (int)(8000 * duration.TotalSeconds);
        var ulaw = new byte[samples];
        for (var i = 0; i < samples; i++)
        {
            ulaw[i] = MuLaw.Encode(Sample(8000, frequencyHz, amplitude, i));
        }

        return ulaw;
    }

    public static short[] Samples(ReadOnlySpan<byte> pcm16)
    {
        var samples = new short[pcm16.Length / 2];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(pcm16[(i * 2)..]);
        }

        return samples;
    }

    /// <summary>Sign changes between neighbouring samples: about twice the tone's frequency per second of audio.</summary>
    public static int ZeroCrossings(ReadOnlySpan<byte> pcm16)
    {
        var samples = Samples(pcm16);
        var crossings = 0;
        for (var i = 1; i < samples.Length; i++)
        {
            if ((samples[i - 1] < 0) != (samples[i] < 0))
            {
                crossings++;
            }
        }

        return crossings;
    }

    private static short Sample(int sampleRate, double frequencyHz, double amplitude, int index) =>
        (short)Math.Round(Math.Sin(2 * Math.PI * frequencyHz * index / sampleRate) * amplitude * short.MaxValue);
}
