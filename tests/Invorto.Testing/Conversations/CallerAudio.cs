using System.Buffers.Binary;

namespace Invorto.Testing.Conversations;

/// <summary>Synthetic caller audio: speech-like voiced bursts (a 140 Hz voice with harmonics and a syllable envelope) and digital silence.</summary>
public static class CallerAudio
{
    public static byte[] Speech(int milliseconds, int sampleRate = 16000, double rmsDbfs = -18)
    {
        var samples = sampleRate * milliseconds / 1000;
        var signal = new double[samples];
        double sumSquares = 0;
        for (var i = 0; i < samples; i++)
        {
            var t = (double)i / sampleRate;
            var voice = 0.0;
            for (var harmonic = 1; harmonic <= 4; harmonic++)
            {
                voice += Math.Sin(2 * Math.PI * 140 * harmonic * t) / harmonic;
            }

            var envelope = 0.8 + (0.2 * Math.Sin(2 * Math.PI * 4 * t));
            signal[i] = voice * envelope;
            sumSquares += signal[i] * signal[i];
        }

        var rms = Math.Sqrt(sumSquares / Math.Max(1, samples));
        var gain = rms > 0 ? Math.Pow(10, rmsDbfs / 20) * short.MaxValue / rms : 0;
        var pcm = new byte[samples * 2];
        for (var i = 0; i < samples; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(pcm.AsSpan(i * 2), (short)Math.Clamp(signal[i] * gain, short.MinValue, short.MaxValue));
        }

        return pcm;
    }

    public static byte[] Silence(int milliseconds, int sampleRate = 16000) => new byte[sampleRate * milliseconds / 1000 * 2];
}
