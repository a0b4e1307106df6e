using Invorto.Application.Agents.Configuration;
using Invorto.Application.Conversations.Providers;
using Invorto.Infrastructure.Conversations.Providers.PocketSphinx;
using Invorto.Testing;
using Shouldly;
using Xunit;

namespace Invorto.Infrastructure.Tests.Conversations.Providers.PocketSphinx;

/// <summary>
/// Offline round trips: eSpeak speaks, PocketSphinx recognizes with the agent's grammar, through the recognition stream
/// the engine uses (20 ms frames, silence after the speech).
/// </summary>
public sealed class PocketSphinxRecognizerTests : IDisposable
{
    private const int WideBand = 16000;

    /// <summary>Only bounds the wait for the decoder; never a pass condition.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static readonly AgentConfig Agent = new()
    {
        Prompt = "You book meetings for Acme.",
        FirstMessage = "Hi, this is Acme. How can I help?",
        Locale = "en-US",
        Voice = OfflineSpeech.AmericanVoice,
        Asr = new AsrSettings { Provider = "pocketsphinx", Model = "en-us", Language = "en-US" },
        Tools = [new ToolDefinition { Name = "get_order_status", Description = "Look up the status of an order." }],
        Rules = new RulesSettings
        {
            Intents =
            [
                new Intent { Name = "book", Examples = ["book a meeting for tomorrow morning", "schedule a meeting with the team"], Reply = "Sure." },
                new Intent { Name = "order", Examples = ["what is the status of my order"], Tool = "get_order_status" },
                new Intent { Name = "cancel", Examples = ["I would like to cancel my appointment"], Reply = "Done." },
                new Intent { Name = "human", Examples = ["talk to a human agent"], Reply = "Connecting you." },
            ],
        },
    };

    private readonly PocketSphinxModel _model = OfflineSpeech.RequirePocketSphinx();

    public void Dispose() => _model.Dispose();

    [Theory]
    [InlineData("book a meeting for tomorrow morning", WideBand)]
    [InlineData("what is the status of my order", WideBand)]
    [InlineData("book a meeting for tomorrow morning", 8000)]
    public async Task A_phrase_of_the_agent_spoken_by_espeak_is_recognized(string phrase, int sampleRate)
    {
        var final = await RecognizeAsync(phrase, sampleRate);

        WordAccuracy.Of(phrase, final.Text).ShouldBeGreaterThanOrEqualTo(0.8, $"heard '{final.Text}'");
        final.Confidence.ShouldBeInRange(0.0, 1.0);
    }

    [Fact]
    public async Task An_in_grammar_phrase_is_more_confident_than_speech_outside_the_grammar()
    {
        var inside = await RecognizeAsync("book a meeting for tomorrow morning", WideBand);
        var outside = await RecognizeAsync("my cat likes to eat fish on sunday", WideBand);

        outside.Confidence.ShouldBeLessThan(inside.Confidence);
    }

    [Fact]
    public async Task Partial_results_come_while_the_caller_speaks_and_the_final_only_after_the_silence()
    {
        var speech = await OfflineSpeech.SpeakAsync("I would like to cancel my appointment", WideBand);
        var recognizer = new PocketSphinxRecognizer(_model, Agent, Guid.NewGuid(), 1);
        await using var stream = (PocketSphinxRecognitionStream)recognizer.Start(Options(WideBand));

        byte[] spoken = [.. OfflineSpeech.Silence(300, WideBand), .. speech];
        OfflineSpeech.WriteFrames(stream, spoken, WideBand);
        await WaitUntilProcessedAsync(stream, spoken.Length);
        var whileSpeaking = Drain(stream);
        OfflineSpeech.WriteFrames(stream, OfflineSpeech.Silence(600, WideBand), WideBand);
        var final = await NextFinalAsync(stream);

        whileSpeaking.ShouldNotBeEmpty("partials every 200 ms of speech");
        whileSpeaking.ShouldAllBe(result => !result.IsFinal);
        final.Text.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Two_utterances_give_two_finals_in_order()
    {
        var first = await OfflineSpeech.SpeakAsync("talk to a human agent", WideBand);
        var second = await OfflineSpeech.SpeakAsync("schedule a meeting with the team", WideBand);
        var recognizer = new PocketSphinxRecognizer(_model, Agent, Guid.NewGuid(), 1);
        await using var stream = recognizer.Start(Options(WideBand));

        OfflineSpeech.WriteFrames(stream, [.. first, .. OfflineSpeech.Silence(700, WideBand), .. second, .. OfflineSpeech.Silence(700, WideBand)], WideBand);
        var one = await NextFinalAsync(stream);
        var two = await NextFinalAsync(stream);

        WordAccuracy.Of("talk to a human agent", one.Text).ShouldBeGreaterThanOrEqualTo(0.8, $"heard '{one.Text}'");
        WordAccuracy.Of("schedule a meeting with the team", two.Text).ShouldBeGreaterThanOrEqualTo(0.8, $"heard '{two.Text}'");
    }

    [Fact]
    public async Task Disposing_the_stream_completes_its_results()
    {
        var recognizer = new PocketSphinxRecognizer(_model, Agent, Guid.NewGuid(), 1);
        var stream = recognizer.Start(Options(8000));
        OfflineSpeech.WriteFrames(stream, OfflineSpeech.Silence(200, 8000), 8000);

        await stream.DisposeAsync();

        await stream.Results.Completion.WaitAsync(Patience);
    }

    [Fact]
    public async Task A_missing_model_fails_the_stream_with_what_to_install()
    {
        using var missing = new PocketSphinxModel(new PocketSphinxOptions { ModelDirectory = "/nonexistent/pocketsphinx" });
        var recognizer = new PocketSphinxRecognizer(missing, Agent, Guid.NewGuid(), 1);
        await using var stream = recognizer.Start(Options(8000));

        var failure = await Should.ThrowAsync<ProviderException>(() => stream.Results.Completion.WaitAsync(Patience));

        failure.Provider.ShouldBe("pocketsphinx");
        failure.Kind.ShouldBe(ProviderFailureKind.Unavailable);
        failure.Message.ShouldContain("apt-get install");
    }

    [Fact]
    public async Task An_agent_version_keeps_its_decoder_for_the_next_call()
    {
        var agentId = Guid.NewGuid();
        var recognizer = new PocketSphinxRecognizer(_model, Agent, agentId, 3);
        var stream = (PocketSphinxRecognitionStream)recognizer.Start(Options(8000));
        OfflineSpeech.WriteFrames(stream, OfflineSpeech.Silence(100, 8000), 8000);
        await WaitUntilProcessedAsync(stream, OfflineSpeech.Silence(100, 8000).Length);
        await stream.DisposeAsync();

        var grammar = _model.GrammarFor(agentId, 3, Agent);

        grammar.Phrases.ShouldContain("book a meeting for tomorrow morning");
        using var decoder = _model.Rent(agentId, 3, Agent, 8000);
        decoder.Owner.Grammar.ShouldBeSameAs(grammar);
    }

    private static RecognitionOptions Options(int sampleRate) => new(Guid.NewGuid(), "pocketsphinx", "en-us", "en-US", sampleRate);

    private static List<RecognitionResult> Drain(PocketSphinxRecognitionStream stream)
    {
        var results = new List<RecognitionResult>();
        while (stream.Results.TryRead(out var result))
        {
            results.Add(result);
        }

        return results;
    }

    private static async Task WaitUntilProcessedAsync(PocketSphinxRecognitionStream stream, long bytes) =>
        await Eventually.ReturnsAsync(() => Task.FromResult(stream.ProcessedBytes), processed => processed >= bytes, Patience);

    private static async Task<RecognitionResult> NextFinalAsync(IRecognitionStream stream)
    {
        using var patience = new CancellationTokenSource(Patience);
        while (true)
        {
            var result = await stream.Results.ReadAsync(patience.Token);
            if (result.IsFinal)
            {
                return result;
            }
        }
    }

    private async Task<RecognitionResult> RecognizeAsync(string phrase, int sampleRate)
    {
        var speech = await OfflineSpeech.SpeakAsync(phrase, sampleRate);
        var recognizer = new PocketSphinxRecognizer(_model, Agent, Guid.NewGuid(), 1);
        await using var stream = recognizer.Start(Options(sampleRate));
        OfflineSpeech.WriteFrames(stream, [.. OfflineSpeech.Silence(300, sampleRate), .. speech, .. OfflineSpeech.Silence(700, sampleRate)], sampleRate);
        return await NextFinalAsync(stream);
    }
}
