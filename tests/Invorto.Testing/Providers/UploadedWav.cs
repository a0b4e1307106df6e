using System.Buffers.Binary;
using System.Text;

namespace Invorto.Testing.Providers;

/// <summary>The canonical 44-byte header of an uploaded WAV, read field by field, and its samples.</summary>
/// <param name="HeaderIsConsistent">RIFF/WAVE/fmt/data tags present and the RIFF and data sizes match the file's length.</param>
public sealed record UploadedWav(bool HeaderIsConsistent, int AudioFormat, int Channels, int SampleRate, int ByteRate, int BlockAlign, int BitsPerSample, byte[] Pcm)
{
    public TimeSpan Duration => SampleRate > 0 && BlockAlign > 0 ? TimeSpan.FromSeconds((double)Pcm.Length / BlockAlign / SampleRate) : TimeSpan.Zero;

    public static UploadedWav Parse(byte[] wav)
    {
        if (wav.Length < 44)
        {
            return new UploadedWav(false, 0, 0, 0, 0, 0, 0, []);
        }

        var span = wav.AsSpan();
        var tags = Tag(wav, 0) == "RIFF" && Tag(wav, 8) == "WAVE" && Tag(wav, 12) == "fmt " && Tag(wav, 36) == "data";
        var riffSize = BinaryPrimitives.ReadInt32LittleEndian(span[4..]);
        var fmtSize = BinaryPrimitives.ReadInt32LittleEndian(span[16..]);
        var dataSize = BinaryPrimitives.ReadInt32LittleEndian(span[40..]);
        var consistent = tags && fmtSize == 16 && riffSize == wav.Length - 8 && dataSize == wav.Length - 44;
        return new UploadedWav(
            consistent,
            BinaryPrimitives.ReadInt16LittleEndian(span[20..]),
            BinaryPrimitives.ReadInt16LittleEndian(span[22..]),
            BinaryPrimitives.ReadInt32LittleEndian(span[24..]),
            BinaryPrimitives.ReadInt32LittleEndian(span[28..]),
            BinaryPrimitives.ReadInt16LittleEndian(span[32..]),
            BinaryPrimitives.ReadInt16LittleEndian(span[34..]),
            wav[44..]);
    }

    private static string Tag(byte[] wav, int offset) => Encoding.ASCII.GetString(wav, offset, 4);
}
