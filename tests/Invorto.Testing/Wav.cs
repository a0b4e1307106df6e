using System.Buffers.Binary;
using System.Text;

namespace Invorto.Testing;

/// <summary>Just enough RIFF/WAVE for tests: write PCM16 mono, read it back.</summary>
public static class Wav
{
    public static byte[] Pcm16Mono(short[] samples, int sampleRate)
    {
        var data = samples.Length * 2;
        var wav = new byte[44 + data];
        Encoding.ASCII.GetBytes("RIFF").CopyTo(wav, 0);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(4), 36 + data);
        Encoding.ASCII.GetBytes("WAVEfmt ").CopyTo(wav, 8);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(20), 1);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(22), 1);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(24), sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(28), sampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(32), 2);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(34), 16);
        Encoding.ASCII.GetBytes("data").CopyTo(wav, 36);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(40), data);
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(44 + (i * 2)), samples[i]);
        }

        return wav;
    }

    /// <summary>A tone, speech-like enough for energy-based checks.</summary>
    public static byte[] Tone(double seconds, int sampleRate = 16000, double hertz = 440, short amplitude = 8000) =>
        Pcm16Mono(Enumerable.Range(0, (int)(seconds * sampleRate)).Select(i => (short)(amplitude * Math.Sin(2 * Math.PI * hertz * i / sampleRate))).ToArray(), sampleRate);

    public static (byte[] Pcm, int SampleRate) ReadPcm16Mono(byte[] wav)
    {
        if (wav.Length < 12 || Encoding.ASCII.GetString(wav, 0, 4) != "RIFF" || Encoding.ASCII.GetString(wav, 8, 4) != "WAVE")
        {
            throw new FormatException("Not a RIFF/WAVE file.");
        }

        var sampleRate = 0;
        for (var offset = 12; offset + 8 <= wav.Length;)
        {
            var id = Encoding.ASCII.GetString(wav, offset, 4);
            var size = BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(offset + 4));
            if (id == "fmt ")
            {
                var format = BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(offset + 8));
                var channels = BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(offset + 10));
                var bits = BinaryPrimitives.ReadInt16LittleEndian(wav.AsSpan(offset + 22));
                if (format != 1 || channels != 1 || bits != 16)
                {
                    throw new FormatException("Only PCM16 mono WAV is supported.");
                }

                sampleRate = BinaryPrimitives.ReadInt32LittleEndian(wav.AsSpan(offset + 12));
            }
            else if (id == "data")
            {
                return (wav.AsSpan(offset + 8, Math.Min(size, wav.Length - offset - 8)).ToArray(), sampleRate);
            }

            offset += 8 + size + (size % 2);
        }

        throw new FormatException("The WAV has no data chunk.");
    }
}
