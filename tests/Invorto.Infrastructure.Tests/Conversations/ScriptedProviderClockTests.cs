using Invorto.Application.Agents.Configuration;
using Invorto.Application.Conversations.Providers;
using Invorto.Infrastructure.Conversations.Scripted;
using Invorto.Testing.Conversations;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;

namespace Invorto.Infrastructure.Tests.Conversations;

/// <summary>
/// The fake providers' latencies pass on the clock they are given, so scenarios on a fake clock control them. Each
/// latency is longer than the real-time patience, so a provider that waited on the system clock would fail the test.
/// </summary>
public sealed class ScriptedProviderClockTests
{
    /// <summary>Only bounds the wait for work the fake clock has released; it never moves a test on.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private readonly FakeTimeProvider _clock = new();
    private readonly ScriptedProviderCounters _counters = new();

    [Fact]
    public async Task The_language_model_answers_after_its_latency_on_the_given_clock()
    {
        var options = new ScriptedProviderOptions { LanguageModelLatencyMs = 10_000 };
        var model = new ScriptedLanguageModel(options, _counters, "Hello there.", _clock);
        var request = new LanguageModelRequest(new LlmSettings(), "You are a test agent.", [new ChatMessage(ChatRole.User, "hi")], []);
        await using var stream = model.StreamAsync(request, CancellationToken.None).GetAsyncEnumerator();

        var first = stream.MoveNextAsync().AsTask();
        _clock.Advance(TimeSpan.FromMilliseconds(9_999));
        var early = first.IsCompleted;
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        early.ShouldBeFalse();
        (await first.WaitAsync(Patience)).ShouldBeTrue();
        stream.Current.Text.ShouldBe("Hello ");
    }

    [Fact]
    public async Task The_synthesizer_speaks_after_its_latency_on_the_given_clock()
    {
        var options = new ScriptedProviderOptions { SynthesizerLatencyMs = 10_000 };
        var synthesizer = new ScriptedSpeechSynthesizer(options, _counters, _clock);
        await using var audio = synthesizer.SynthesizeAsync(new SpeechRequest(Guid.NewGuid(), "Hello there.", new VoiceSettings(), 16000), CancellationToken.None).GetAsyncEnumerator();

        var first = audio.MoveNextAsync().AsTask();
        _clock.Advance(TimeSpan.FromMilliseconds(9_999));
        var early = first.IsCompleted;
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        early.ShouldBeFalse();
        (await first.WaitAsync(Patience)).ShouldBeTrue();
        audio.Current.Length.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task The_recognizer_delivers_its_words_after_its_latency_on_the_given_clock()
    {
        var options = new ScriptedProviderOptions { RecognizerLatencyMs = 10_000, FirstWordMs = 100 };
        var recognizer = new ScriptedSpeechRecognizer(options, _counters, ["hello there"], _clock);
        await using var stream = recognizer.Start(new RecognitionOptions(Guid.NewGuid(), "fake", "fake", "en", 16000));
        var speech = CallerAudio.Speech(100);

        stream.Write(speech);
        var heard = stream.Results.ReadAsync().AsTask();
        _clock.Advance(TimeSpan.FromMilliseconds(9_999));
        var early = heard.IsCompleted;
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        early.ShouldBeFalse();
        (await heard.WaitAsync(Patience)).ShouldBe(new RecognitionResult("hello", false, 0));
    }
}
