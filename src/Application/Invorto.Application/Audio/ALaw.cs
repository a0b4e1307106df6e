using System.Numerics;

namespace Invorto.Application.Audio;

/// <summary>ITU-T G.711 A-law companding of 16-bit samples.</summary>
public static class ALaw
{
    private static readonly short[] DecodeTable = BuildDecodeTable();

    public static byte Encode(short sample)
    {
        var linear = sample >> 3;
        int mask;
        if (linear >= 0)
        {
            mask = 0xD5;
        }
        else
        {
            mask = 0x55;
            linear = -linear - 1;
        }

        var segment = linear < 32 ? 0 : BitOperations.Log2((uint)linear) - 4;
        var mantissa = (segment < 2 ? linear >> 1 : linear >> segment) & 0x0F;
        return (byte)(((segment << 4) | mantissa) ^ mask);
    }

    public static short Decode(byte code) => DecodeTable[code];

    /// <summary>Encodes every whole sample of <paramref name="pcm16"/> into one byte of <paramref name="alaw"/>.</summary>
    public static void Encode(ReadOnlySpan<byte> pcm16, Span<byte> alaw)
    {
        var samples = Pcm16.AsSamples(pcm16);
        if (alaw.Length < samples.Length)
        {
            throw new ArgumentException($"The destination holds {alaw.Length} bytes; {samples.Length} are needed.", nameof(alaw));
        }

        for (var i = 0; i < samples.Length; i++)
        {
            alaw[i] = Encode(Pcm16.ToHost(samples[i]));
        }
    }

    public static void Decode(ReadOnlySpan<byte> alaw, Span<byte> pcm16)
    {
        if (pcm16.Length < alaw.Length * Pcm16.BytesPerSample)
        {
            throw new ArgumentException($"The destination holds {pcm16.Length} bytes; {alaw.Length * Pcm16.BytesPerSample} are needed.", nameof(pcm16));
        }

        var samples = Pcm16.AsSamples(pcm16);
        var table = DecodeTable;
        for (var i = 0; i < alaw.Length; i++)
        {
            samples[i] = Pcm16.ToHost(table[alaw[i]]);
        }
    }

    private static short[] BuildDecodeTable()
    {
        var table = new short[256];
        for (var code = 0; code < 256; code++)
        {
            var bits = code ^ 0x55;
            var magnitude = (bits & 0x0F) << 4;
            var segment = (bits & 0x70) >> 4;
            magnitude = segment switch
            {
                0 => magnitude + 8,
                1 => magnitude + 0x108,
                _ => (magnitude + 0x108) << (segment - 1),
            };
            table[code] = (short)((bits & 0x80) != 0 ? magnitude : -magnitude);
        }

        return table;
    }
}
