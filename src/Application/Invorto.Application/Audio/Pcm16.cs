using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Invorto.Application.Audio;

/// <summary>Frame arithmetic and level measurement for PCM16 little-endian mono audio.</summary>
public static class Pcm16
{
    public const int BytesPerSample = 2;

    /// <summary>The level reported for digital silence and the floor of every dBFS value.</summary>
    public const double SilenceDbfs = -100;

    private const double FullScale = 32768.0;

    public static int BytesPerFrame(int sampleRate, int frameMs) => SamplesPerFrame(sampleRate, frameMs) * BytesPerSample;

    public static int SamplesPerFrame(int sampleRate, int frameMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameMs);
        return (int)((long)sampleRate * frameMs / 1000);
    }

    public static TimeSpan Duration(int byteCount, int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(byteCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        return TimeSpan.FromTicks((long)(byteCount / BytesPerSample) * TimeSpan.TicksPerSecond / sampleRate);
    }

    /// <summary>RMS level relative to full scale; a trailing odd byte is ignored.</summary>
    public static double RmsDbfs(ReadOnlySpan<byte> pcm16)
    {
        var samples = AsSamples(pcm16);
        return ToDbfs(SumOfSquares(samples), samples.Length);
    }

    public static void WriteSilence(Span<byte> pcm16) => pcm16.Clear();

    /// <summary>The dBFS of an RMS given as a sum of squared samples over a sample count, clamped to [-100, 0].</summary>
    public static double ToDbfs(double sumOfSquares, long sampleCount)
    {
        if (sampleCount <= 0 || sumOfSquares <= 0)
        {
            return SilenceDbfs;
        }

        var db = 10 * Math.Log10(sumOfSquares / sampleCount / (FullScale * FullScale));
        return Math.Clamp(db, SilenceDbfs, 0);
    }

    internal static long SumOfSquares(ReadOnlySpan<short> samples)
    {
        long sum = 0;
        foreach (var raw in samples)
        {
            int s = ToHost(raw);
            sum += s * s;
        }

        return sum;
    }

    internal static ReadOnlySpan<short> AsSamples(ReadOnlySpan<byte> pcm16) =>
        MemoryMarshal.Cast<byte, short>(pcm16[..(pcm16.Length & ~1)]);

    internal static Span<short> AsSamples(Span<byte> pcm16) =>
        MemoryMarshal.Cast<byte, short>(pcm16[..(pcm16.Length & ~1)]);

    /// <summary>Converts between the little-endian wire order and the host order (a no-op on little-endian hosts).</summary>
    internal static short ToHost(short wire) => BitConverter.IsLittleEndian ? wire : BinaryPrimitives.ReverseEndianness(wire);
}
