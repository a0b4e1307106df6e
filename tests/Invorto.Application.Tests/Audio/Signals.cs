namespace Invorto.Application.Tests.Audio;

/// <summary>Synthetic test signals: tones, seeded noise and speech-like bursts (a harmonic tone with a syllable envelope).</summary>
internal static class Signals
{
    public const double FullScale = 32767;

    public static short[] Sine(double frequency, int sampleRate, double seconds, double amplitude = 0.5)
    {
        var samples = new short[(int)(sampleRate * seconds)];
        for (var n = 0; n < samples.Length; n++)
        {
            samples[n] = (short)Math.Round(amplitude * FullScale * Math.Sin(2 * Math.PI * frequency * n / sampleRate));
        }

        return samples;
    }

    public static short[] Silence(int sampleRate, double seconds) => new short[(int)(sampleRate * seconds)];

    /// <summary>Uniform white noise with the given RMS level.</summary>
    public static short[] Noise(int sampleRate, double seconds, double rmsDbfs, int seed)
    {
        var random = new Random(seed);
        var peak = 32768 * Math.Pow(10, rmsDbfs / 20) * Math.Sqrt(3);
        var samples = new short[(int)(sampleRate * seconds)];
        for (var n = 0; n < samples.Length; n++)
        {
            samples[n] = Clamp(((random.NextDouble() * 2) - 1) * peak);
        }

        return samples;
    }

    /// <summary>A 140 Hz harmonic tone shaped by a 4 Hz syllable envelope that never drops below a third, scaled to an RMS level.</summary>
    public static short[] SpeechBurst(int sampleRate, double seconds, double rmsDbfs)
    {
        var raw = new double[(int)(sampleRate * seconds)];
        var sumOfSquares = 0.0;
        for (var n = 0; n < raw.Length; n++)
        {
            var t = (double)n / sampleRate;
            var tone = 0.0;
            for (var harmonic = 1; harmonic <= 12 && 140 * harmonic < sampleRate / 2; harmonic++)
            {
                tone += Math.Sin(2 * Math.PI * 140 * harmonic * t) / harmonic;
            }

            var envelope = 0.35 + (0.65 * Math.Pow(Math.Sin(Math.PI * 4 * t), 2));
            var attack = Math.Min(1, t / 0.005);
            raw[n] = tone * envelope * attack;
            sumOfSquares += raw[n] * raw[n];
        }

        var scale = 32768 * Math.Pow(10, rmsDbfs / 20) / Math.Sqrt(sumOfSquares / raw.Length);
        var samples = new short[raw.Length];
        for (var n = 0; n < raw.Length; n++)
        {
            samples[n] = Clamp(raw[n] * scale);
        }

        return samples;
    }

    public static short[] Mix(short[] first, short[] second)
    {
        var mixed = new short[Math.Max(first.Length, second.Length)];
        for (var n = 0; n < mixed.Length; n++)
        {
            var a = n < first.Length ? first[n] : 0;
            var b = n < second.Length ? second[n] : 0;
            mixed[n] = Clamp(a + b);
        }

        return mixed;
    }

    public static short[] Concat(params short[][] parts) => parts.SelectMany(p => p).ToArray();

    public static byte[] ToBytes(short[] samples)
    {
        var bytes = new byte[samples.Length * 2];
        for (var n = 0; n < samples.Length; n++)
        {
            bytes[2 * n] = (byte)samples[n];
            bytes[(2 * n) + 1] = (byte)(samples[n] >> 8);
        }

        return bytes;
    }

    public static short[] ToSamples(ReadOnlySpan<byte> bytes)
    {
        var samples = new short[bytes.Length / 2];
        for (var n = 0; n < samples.Length; n++)
        {
            samples[n] = (short)(bytes[2 * n] | (bytes[(2 * n) + 1] << 8));
        }

        return samples;
    }

    public static double RmsDbfs(ReadOnlySpan<short> samples)
    {
        var sum = 0.0;
        foreach (var s in samples)
        {
            sum += (double)s * s;
        }

        return 10 * Math.Log10(sum / samples.Length / (32768.0 * 32768.0));
    }

    /// <summary>Amplitude of one frequency by a single-bin DFT; exact when the span holds whole periods of it.</summary>
    public static double ToneAmplitude(ReadOnlySpan<short> samples, double frequency, int sampleRate)
    {
        double re = 0, im = 0;
        for (var n = 0; n < samples.Length; n++)
        {
            var phase = 2 * Math.PI * frequency * n / sampleRate;
            re += samples[n] * Math.Cos(phase);
            im -= samples[n] * Math.Sin(phase);
        }

        return 2 * Math.Sqrt((re * re) + (im * im)) / samples.Length;
    }

    public static int ZeroCrossings(ReadOnlySpan<short> samples)
    {
        var count = 0;
        for (var n = 1; n < samples.Length; n++)
        {
            if ((samples[n - 1] < 0) != (samples[n] < 0))
            {
                count++;
            }
        }

        return count;
    }

    public static IEnumerable<byte[]> Frames(byte[] audio, int frameBytes)
    {
        for (var offset = 0; offset + frameBytes <= audio.Length; offset += frameBytes)
        {
            yield return audio[offset..(offset + frameBytes)];
        }
    }

    private static short Clamp(double value) => (short)Math.Clamp(Math.Round(value), short.MinValue, short.MaxValue);
}
