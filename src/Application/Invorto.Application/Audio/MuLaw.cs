using System.Numerics;

namespace Invorto.Application.Audio;

/// <summary>ITU-T G.711 μ-law companding of 16-bit samples (the Twilio media stream format).</summary>
public static class MuLaw
{
    private const int Bias = 0x84;
    private const int Clip = 32635;

    private static readonly short[] DecodeTable = BuildDecodeTable();

    public static byte Encode(short sample)
    {
        int magnitude = sample;
        var sign = 0;
        if (magnitude < 0)
        {
            magnitude = -magnitude;
            sign = 0x80;
        }

        magnitude = Math.Min(magnitude, Clip) + Bias;
        var exponent = BitOperations.Log2((uint)magnitude) - 7;
        var mantissa = (magnitude >> (exponent + 3)) & 0x0F;
        return (byte)~(sign | (exponent << 4) | mantissa);
    }

    public static short Decode(byte code) => DecodeTable[code];

    /// <summary>Encodes every whole sample of <paramref name="pcm16"/> into one byte of <paramref name="ulaw"/>.</summary>
    public static void Encode(ReadOnlySpan<byte> pcm16, Span<byte> ulaw)
    {
        var samples = Pcm16.AsSamples(pcm16);
        if (ulaw.Length < samples.Length)
        {
            throw new ArgumentException($"The destination holds {ulaw.Length} bytes; {samples.Length} are needed.", nameof(ulaw));
        }

        for (var i = 0; i < samples.Length; i++)
        {
            ulaw[i] = Encode(Pcm16.ToHost(samples[i]));
        }
    }

    public static void Decode(ReadOnlySpan<byte> ulaw, Span<byte> pcm16)
    {
        if (pcm16.Length < ulaw.Length * Pcm16.BytesPerSample)
        {
            throw new ArgumentException($"The destination holds {pcm16.Length} bytes; {ulaw.Length * Pcm16.BytesPerSample} are needed.", nameof(pcm16));
        }

        var samples = Pcm16.AsSamples(pcm16);
        var table = DecodeTable;
        for (var i = 0; i < ulaw.Length; i++)
        {
            samples[i] = Pcm16.ToHost(table[ulaw[i]]);
        }
    }

    private static short[] BuildDecodeTable()
    {
        var table = new short[256];
        for (var code = 0; code < 256; code++)
        {
            var bits = ~code & 0xFF;
            var exponent = (bits >> 4) & 0x07;
            var mantissa = bits & 0x0F;
            var magnitude = (((mantissa << 3) + Bias) << exponent) - Bias;
            table[code] = (short)((bits & 0x80) != 0 ? -magnitude : magnitude);
        }

        return table;
    }
}
