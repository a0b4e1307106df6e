using Invorto.Application.Audio;
using Invorto.Application.Conversations.Providers;
using Invorto.Infrastructure.Conversations.Providers.Espeak;
using Shouldly;
using Xunit;

namespace Invorto.Infrastructure.Tests.Conversations.Providers.Espeak;

/// <summary>eSpeak NG through its C library, on the process's one eSpeak worker.</summary>
public sealed class EspeakSynthesizerTests
{
    private const string Sentence = "Book a meeting for tomorrow morning.";

    /// <summary>Only bounds the wait for the worker; never a pass condition.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData(8000)]
    [InlineData(16000)]
    public async Task Speaks_audible_pcm16_at_the_requested_rate_for_as_long_as_the_sentence_takes(int sampleRate)
    {
        var audio = await OfflineSpeech.SpeakAsync(Sentence, sampleRate);

        (audio.Length % 2).ShouldBe(0);
        Pcm16.RmsDbfs(audio).ShouldBeGreaterThan(-30, "speech, not silence");
        Pcm16.Duration(audio.Length, sampleRate).TotalSeconds.ShouldBeInRange(1.0, 4.0, "six words at 175 words a minute");
    }

    [Fact]
    public async Task A_faster_voice_rate_speaks_the_sentence_in_less_audio()
    {
        var normal = await OfflineSpeech.SpeakAsync(Sentence, 16000, OfflineSpeech.AmericanVoice with { Rate = 1.0 });
        var fast = await OfflineSpeech.SpeakAsync(Sentence, 16000, OfflineSpeech.AmericanVoice with { Rate = 2.0 });

        fast.Length.ShouldBeLessThan(normal.Length * 3 / 4);
    }

    [Fact]
    public async Task A_cloud_voice_id_falls_back_to_the_agents_language()
    {
        var voice = new Application.Agents.Configuration.VoiceSettings { Provider = "espeak", VoiceId = "aura-2-thalia-en" };

        var audio = await OfflineSpeech.SpeakAsync("Namaste, aap kaise hain?", 8000, voice, locale: "hi-IN");

        Pcm16.RmsDbfs(audio).ShouldBeGreaterThan(-30);
    }

    [Fact]
    public async Task Cancelling_after_the_first_chunk_aborts_the_synthesis()
    {
        OfflineSpeech.RequireEspeak();
        var synthesizer = new EspeakSynthesizer("en-US");
        var longText = string.Concat(Enumerable.Repeat("Our plans start at ninety nine rupees a month, and you can change or cancel them at any time. ", 100));
        using var cancel = new CancellationTokenSource();
        var chunks = 0;

        var speaking = Should.ThrowAsync<OperationCanceledException>(async () =>
        {
            await foreach (var chunk in synthesizer.SynthesizeAsync(new SpeechRequest(Guid.NewGuid(), longText, OfflineSpeech.AmericanVoice, 8000), cancel.Token))
            {
                chunks++;
                await cancel.CancelAsync();
            }
        });
        await speaking.WaitAsync(Patience);
        var outcome = await synthesizer.LastOutcome!.WaitAsync(Patience);

        chunks.ShouldBe(1);
        outcome.Aborted.ShouldBeTrue("the worker stopped at its next buffer instead of speaking about ten minutes of text");
    }

    [Fact]
    public async Task Leaving_the_enumeration_early_aborts_the_synthesis()
    {
        OfflineSpeech.RequireEspeak();
        var synthesizer = new EspeakSynthesizer("en-US");
        var longText = string.Concat(Enumerable.Repeat("Thank you for calling, we will get back to you shortly. ", 150));

        await foreach (var chunk in synthesizer.SynthesizeAsync(new SpeechRequest(Guid.NewGuid(), longText, OfflineSpeech.AmericanVoice, 16000), CancellationToken.None))
        {
            break;
        }

        var outcome = await synthesizer.LastOutcome!.WaitAsync(Patience);
        outcome.Aborted.ShouldBeTrue();
    }

    [Fact]
    public async Task A_request_cancelled_before_it_starts_speaks_nothing()
    {
        var synthesizer = new EspeakSynthesizer();
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(async () =>
        {
            await foreach (var chunk in synthesizer.SynthesizeAsync(new SpeechRequest(Guid.NewGuid(), Sentence, OfflineSpeech.AmericanVoice, 8000), cancel.Token))
            {
                throw new InvalidOperationException("No audio was expected.");
            }
        });
    }
}
