using System.Buffers.Binary;

namespace Invorto.Local.Demo;

/// <summary>Writes PCM16 as a RIFF/WAVE file: one track as mono, two as stereo (the shorter padded with silence).</summary>
internal static class WavFile
{
    public static async Task WriteMonoAsync(string path, int sampleRate, byte[] pcm, CancellationToken cancellationToken) =>
        await WriteAsync(path, sampleRate, channels: 1, pcm, cancellationToken);

    public static async Task WriteStereoAsync(string path, int sampleRate, byte[] left, byte[] right, CancellationToken cancellationToken)
    {
        var samples = Math.Max(left.Length, right.Length) / 2;
        var interleaved = new byte[samples * 4];
        for (var i = 0; i < samples; i++)
        {
            if (2 * i + 1 < left.Length)
            {
                interleaved[4 * i] = left[2 * i];
                interleaved[4 * i + 1] = left[2 * i + 1];
            }

            if (2 * i + 1 < right.Length)
            {
                interleaved[4 * i + 2] = right[2 * i];
                interleaved[4 * i + 3] = right[2 * i + 1];
            }
        }

        await WriteAsync(path, sampleRate, channels: 2, interleaved, cancellationToken);
    }

    private static async Task WriteAsync(string path, int sampleRate, short channels, byte[] pcm, CancellationToken cancellationToken)
    {
        var header = new byte[44];
        var span = header.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], 36 + pcm.Length);
        "WAVE"u8.CopyTo(span[8..]);
        "fmt "u8.CopyTo(span[12..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], channels);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], sampleRate * channels * 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], (short)(channels * 2));
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], pcm.Length);

        await using var file = File.Create(path);
        await file.WriteAsync(header, cancellationToken);
        await file.WriteAsync(pcm, cancellationToken);
    }
}
