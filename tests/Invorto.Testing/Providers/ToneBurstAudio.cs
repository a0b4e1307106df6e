using System.Buffers.Binary;

namespace Invorto.Testing.Providers;

/// <summary>Synthetic caller audio for recognizer tests: tone bursts well above a voice detector's threshold, and digital silence.</summary>
public static class ToneBurstAudio
{
    public static byte[] Tone(TimeSpan duration, int sampleRate, double hertz = 440, short amplitude = 8000)
    {
        var samples = (int)(duration.TotalSeconds * sampleRate);
        var pcm = new byte[samples * 2];
        for (var i = 0; i < samples; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(pcm.AsSpan(i * 2), (short)(amplitude * Math.Sin(2 * Math.PI * hertz * i / sampleRate)));
        }

        return pcm;
    }

    public static byte[] Silence(TimeSpan duration, int sampleRate) => new byte[(int)(duration.TotalSeconds * sampleRate) * 2];

    /// <summary>The audio cut into frames of <paramref name="frameMs"/> (the last one may be shorter), as a media stream delivers it.</summary>
    public static IEnumerable<byte[]> Frames(byte[] pcm, int sampleRate, int frameMs = 20)
    {
        var frameBytes = sampleRate * frameMs / 1000 * 2;
        for (var offset = 0; offset < pcm.Length; offset += frameBytes)
        {
            yield return pcm.AsSpan(offset, Math.Min(frameBytes, pcm.Length - offset)).ToArray();
        }
    }
}
