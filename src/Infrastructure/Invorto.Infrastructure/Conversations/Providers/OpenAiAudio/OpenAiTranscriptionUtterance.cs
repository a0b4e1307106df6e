using System.Buffers;

namespace Invorto.Infrastructure.Conversations.Providers.OpenAiAudio;

/// <summary>One utterance as a complete WAV file in a pooled buffer; whoever ends up holding it calls <see cref="Release"/>.</summary>
internal readonly record struct OpenAiTranscriptionUtterance(byte[] Buffer, int WavBytes)
{
    public int PcmBytes => WavBytes - OpenAiTranscriptionWav.HeaderBytes;

    public void Release() => ArrayPool<byte>.Shared.Return(Buffer);
}
