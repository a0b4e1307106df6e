using System.Buffers.Binary;

namespace Invorto.Infrastructure.Conversations.Providers.OpenAiAudio;

/// <summary>The 44-byte RIFF/WAVE header of PCM16 mono audio, written in front of an utterance's samples.</summary>
internal static class OpenAiTranscriptionWav
{
    public const int HeaderBytes = 44;

    public static void WriteHeader(Span<byte> header, int sampleRate, int pcmBytes)
    {
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], 36 + pcmBytes);
        "WAVE"u8.CopyTo(header[8..]);
        "fmt "u8.CopyTo(header[12..]);
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(header[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(header[22..], 1);
        BinaryPrimitives.WriteInt32LittleEndian(header[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(header[28..], sampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(header[32..], 2);
        BinaryPrimitives.WriteInt16LittleEndian(header[34..], 16);
        "data"u8.CopyTo(header[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(header[40..], pcmBytes);
    }
}
