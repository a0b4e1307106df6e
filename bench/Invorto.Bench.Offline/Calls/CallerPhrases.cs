using Invorto.Application.Conversations.Providers;
using Invorto.Infrastructure.Conversations.Providers.Espeak;

namespace Invorto.Bench.Offline.Calls;

/// <summary>What the simulated callers say: in-grammar phrases of <see cref="CallAgents.Offline"/>, spoken by eSpeak at 16 kHz.</summary>
public static class CallerPhrases
{
    public const int SampleRate = 16_000;
    public const int FrameBytes = SampleRate / 50 * 2;

    public static readonly string[] Texts =
    [
        "book a meeting for tomorrow morning",
        "what is the status of my order",
        "i would like to cancel my appointment",
        "talk to a human agent",
        "schedule a meeting with the team",
        "one two three",
        "yes please",
    ];

    public static async Task<IReadOnlyList<SpokenPhrase>> SynthesizeAsync(CancellationToken cancellationToken)
    {
        var synthesizer = new EspeakSynthesizer("en-US");
        var phrases = new List<SpokenPhrase>();
        foreach (var text in Texts)
        {
            using var audio = new MemoryStream();
            var request = new SpeechRequest(Guid.NewGuid(), text, BenchAgent.Voice, SampleRate);
            await foreach (var chunk in synthesizer.SynthesizeAsync(request, cancellationToken))
            {
                audio.Write(chunk.Span);
            }

            var frames = VoicedFrames.Cut(audio.ToArray(), FrameBytes);
            phrases.Add(new SpokenPhrase(text, frames, VoicedFrames.LastVoiced(frames)));
        }

        return phrases;
    }
}
