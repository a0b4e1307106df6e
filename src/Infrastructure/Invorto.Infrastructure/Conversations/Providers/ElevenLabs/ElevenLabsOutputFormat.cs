using Invorto.Infrastructure.Conversations.Providers.Synthesis;

namespace Invorto.Infrastructure.Conversations.Providers.ElevenLabs;

/// <summary>
/// The <c>output_format</c> asked of ElevenLabs for a call's rate: <c>ulaw_8000</c> for phone calls (decoded to
/// PCM16), the matching <c>pcm_*</c> when there is one, else the nearest of 16, 22.05 and 24 kHz, resampled.
/// <c>pcm_44100</c> is asked for only when the call runs at exactly 44.1 kHz: it needs ElevenLabs' Pro tier, and 24 kHz
/// carries all of a voice.
/// </summary>
internal readonly record struct ElevenLabsOutputFormat(string Name, ProviderAudioFormat Audio)
{
    private static readonly int[] PcmRates = [16000, 22050, 24000];

    public static ElevenLabsOutputFormat For(int sampleRate)
    {
        if (sampleRate == 8000)
        {
            return new ElevenLabsOutputFormat("ulaw_8000", new ProviderAudioFormat(ProviderAudioEncoding.MuLaw, 8000));
        }

        var rate = sampleRate == 44100
            ? 44100
            : PcmRates.OrderBy(candidate => Math.Abs(candidate - sampleRate)).ThenByDescending(candidate => candidate).First();
        return new ElevenLabsOutputFormat($"pcm_{rate}", new ProviderAudioFormat(ProviderAudioEncoding.Pcm16, rate));
    }
}
