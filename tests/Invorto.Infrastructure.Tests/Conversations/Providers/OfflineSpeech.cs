using Invorto.Application.Agents.Configuration;
using Invorto.Application.Conversations.Providers;
using Invorto.Infrastructure.Conversations.Providers.Espeak;
using Invorto.Infrastructure.Conversations.Providers.PocketSphinx;
using Shouldly;

namespace Invorto.Infrastructure.Tests.Conversations.Providers;

/// <summary>
/// The offline speech tests run against the real libraries. When one is missing they fail with what to install (CI's
/// <c>.ci/run</c> installs them); they never skip.
/// </summary>
internal static class OfflineSpeech
{
    public static readonly VoiceSettings AmericanVoice = new() { Provider = "espeak", VoiceId = "en-us" };

    public static void RequireEspeak() =>
        EspeakSynthesizer.IsInstalled().ShouldBeTrue("libespeak-ng is not installed: apt-get install espeak-ng libespeak-ng1 (.ci/run installs it)");

    public static PocketSphinxModel RequirePocketSphinx()
    {
        var model = new PocketSphinxModel(new PocketSphinxOptions());
        model.IsInstalled().ShouldBeTrue("PocketSphinx is not installed: apt-get install libpocketsphinx3 pocketsphinx-en-us (.ci/run installs it)");
        return model;
    }

    /// <summary>The whole of <paramref name="text"/> spoken by eSpeak, as PCM16 at <paramref name="sampleRate"/>.</summary>
    public static async Task<byte[]> SpeakAsync(string text, int sampleRate, VoiceSettings? voice = null, string? locale = null)
    {
        RequireEspeak();
        var synthesizer = new EspeakSynthesizer(locale);
        using var audio = new MemoryStream();
        await foreach (var chunk in synthesizer.SynthesizeAsync(new SpeechRequest(Guid.NewGuid(), text, voice ?? AmericanVoice, sampleRate), CancellationToken.None))
        {
            audio.Write(chunk.Span);
        }

        return audio.ToArray();
    }

    public static byte[] Silence(int milliseconds, int sampleRate) => new byte[sampleRate * milliseconds / 1000 * 2];

    /// <summary>Writes <paramref name="pcm16"/> to the stream in 20 ms frames, as a call's transport does.</summary>
    public static void WriteFrames(IRecognitionStream stream, byte[] pcm16, int sampleRate)
    {
        var frame = sampleRate / 50 * 2;
        for (var offset = 0; offset < pcm16.Length; offset += frame)
        {
            stream.Write(pcm16.AsSpan(offset, Math.Min(frame, pcm16.Length - offset)));
        }
    }
}
