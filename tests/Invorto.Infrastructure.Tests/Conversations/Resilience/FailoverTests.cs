using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Invorto.Application.Agents.Configuration;
using Invorto.Application.Conversations.Providers;
using Invorto.Application.Conversations.Usage;
using Invorto.Infrastructure.Conversations.Resilience;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;

namespace Invorto.Infrastructure.Tests.Conversations.Resilience;

public sealed class FailoverTests : IAsyncDisposable
{
    private static readonly LanguageModelRequest Request = new(new LlmSettings(), "prompt", [new ChatMessage(ChatRole.User, "hi")], []);
    private readonly FakeTimeProvider _time = new();
    private readonly ProviderCircuits _circuits;
    private readonly RecordingObserver _observer = new();

    public FailoverTests() =>
        _circuits = new ProviderCircuits(new ProviderResilienceOptions { MinimumThroughput = 2, FailureRatio = 0.5 }, _time);

    public ValueTask DisposeAsync() => _circuits.DisposeAsync();

    [Fact]
    public async Task A_model_that_fails_before_its_first_token_hands_over_to_the_next()
    {
        var broken = new ScriptedModel("a", failBeforeFirst: new ProviderException("a", ProviderFailureKind.Unavailable, "down") { StatusCode = 503 });
        var working = new ScriptedModel("b", "Hello ", "there.");

        var text = await Collect(Model(broken, working));

        text.ShouldBe("Hello there.");
        _observer.Failovers.ShouldBe(["a→b:Unavailable"]);
        broken.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task A_model_that_fails_mid_reply_is_not_replayed_on_the_next()
    {
        var cut = new ScriptedModel("a", "Hello ") { FailAfterChunks = 1 };
        var spare = new ScriptedModel("b", "Other.");
        var received = new List<string>();

        var failure = await Should.ThrowAsync<ProviderException>(async () =>
        {
            await foreach (var chunk in Model(cut, spare).StreamAsync(Request, CancellationToken.None))
            {
                received.Add(chunk.Text!);
            }
        });

        received.ShouldBe(["Hello "]);
        failure.Provider.ShouldBe("a");
        spare.Calls.ShouldBe(0);
    }

    [Fact]
    public async Task When_every_provider_fails_the_error_says_none_is_left()
    {
        var a = new ScriptedModel("a", failBeforeFirst: new ProviderException("a", ProviderFailureKind.Timeout, "slow"));
        var b = new ScriptedModel("b", failBeforeFirst: new HttpRequestException("refused"));

        var failure = await Should.ThrowAsync<ProviderException>(() => Collect(Model(a, b)));

        failure.Kind.ShouldBe(ProviderFailureKind.Unavailable);
        failure.Message.ShouldContain("No provider left (a, b)");
        _observer.Failovers.ShouldBe(["a→b:Timeout", "b→(none):HttpRequestException"]);
    }

    [Fact]
    public async Task An_unwell_endpoint_opens_its_circuit_and_is_skipped_without_being_called()
    {
        var broken = new ScriptedModel("a", failBeforeFirst: new ProviderException("a", ProviderFailureKind.Unavailable, "down"));
        var working = new ScriptedModel("b", "ok");
        await Collect(Model(broken, working));
        await Collect(Model(broken, working));

        await Collect(Model(broken, working));

        broken.Calls.ShouldBe(2);
        working.Calls.ShouldBe(3);
        _time.Advance(new ProviderResilienceOptions().BreakDuration + TimeSpan.FromSeconds(1));
        await Collect(Model(broken, working));
        broken.Calls.ShouldBe(3);
    }

    [Fact]
    public async Task A_refused_key_fails_over_but_does_not_open_the_endpoint_circuit()
    {
        var refused = new ScriptedModel("a", failBeforeFirst: new ProviderException("a", ProviderFailureKind.Unauthorized, "bad key") { StatusCode = 401 });
        var working = new ScriptedModel("b", "ok");
        for (var i = 0; i < 4; i++)
        {
            await Collect(Model(refused, working));
        }

        refused.Calls.ShouldBe(4);
        _circuits.IsOpen("a").ShouldBeFalse();
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_a_failover()
    {
        using var cancellation = new CancellationTokenSource();
        var slow = new ScriptedModel("a", "late") { BeforeFirst = cancellation.CancelAsync };
        var spare = new ScriptedModel("b", "other");

        await Should.ThrowAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in Model(slow, spare).StreamAsync(Request, cancellation.Token))
            {
            }
        });

        spare.Calls.ShouldBe(0);
        _observer.Failovers.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_synthesizer_that_fails_before_audio_hands_the_sentence_to_the_next()
    {
        var synthesizer = new FailoverSpeechSynthesizer(
            [new("elevenlabs", "elevenlabs", new ScriptedSynthesizer(fail: true)), new("espeak", "espeak", new ScriptedSynthesizer(fail: false))],
            _circuits, _observer);

        var bytes = 0;
        await foreach (var chunk in synthesizer.SynthesizeAsync(new SpeechRequest(Guid.NewGuid(), "Hi.", new VoiceSettings(), 8000), CancellationToken.None))
        {
            bytes += chunk.Length;
        }

        bytes.ShouldBe(320);
        _observer.Failovers.ShouldBe(["elevenlabs→espeak:Unavailable"]);
    }

    [Fact]
    public async Task A_recognition_whose_provider_drops_continues_on_the_next_with_the_next_frames()
    {
        var first = new ScriptedRecognizer("deepgram");
        var second = new ScriptedRecognizer("pocketsphinx");
        var recognizer = new FailoverSpeechRecognizer([new("deepgram", "deepgram", first), new("pocketsphinx", "pocketsphinx", second)], _circuits, _observer);
        var stream = recognizer.Start(new RecognitionOptions(Guid.NewGuid(), "deepgram", "nova-3", "en-IN", 16000));

        stream.Write(new byte[640]);
        first.Stream!.Emit(new RecognitionResult("hello", IsFinal: false, 0.5));
        (await stream.Results.ReadAsync()).Text.ShouldBe("hello");
        first.Stream.Fail(new ProviderException("deepgram", ProviderFailureKind.Unavailable, "dropped"));
        await second.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
        stream.Write(new byte[640]);
        second.Stream!.Emit(new RecognitionResult("hello again", IsFinal: true, 0.9));

        (await stream.Results.ReadAsync()).Text.ShouldBe("hello again");
        first.Stream.BytesWritten.ShouldBe(640);
        second.Stream.BytesWritten.ShouldBe(640);
        first.Stream.Disposed.ShouldBeTrue();
        _observer.Failovers.ShouldBe(["deepgram→pocketsphinx:Unavailable"]);
        await stream.DisposeAsync();
        second.Stream.Disposed.ShouldBeTrue();
        await stream.Results.Completion;
    }

    [Fact]
    public async Task A_recognition_with_no_provider_left_completes_with_the_failure()
    {
        var only = new ScriptedRecognizer("deepgram");
        var recognizer = new FailoverSpeechRecognizer([new("deepgram", "deepgram", only)], _circuits, _observer);
        await using var stream = recognizer.Start(new RecognitionOptions(Guid.NewGuid(), "deepgram", "nova-3", "en-IN", 16000));

        only.Stream!.Fail(new ProviderException("deepgram", ProviderFailureKind.Unauthorized, "bad key"));

        var failure = await Should.ThrowAsync<ProviderException>(() => stream.Results.Completion);
        failure.Message.ShouldContain("No provider left");
        _observer.Failovers.ShouldBe(["deepgram→(none):Unauthorized"]);
    }

    [Fact]
    public async Task Usage_is_counted_for_the_provider_that_served_not_the_one_that_failed()
    {
        var usage = new ProviderUsageMeter();
        var synthesizer = new FailoverSpeechSynthesizer(
            [new("elevenlabs", "elevenlabs", new ScriptedSynthesizer(fail: true)), new("espeak", "espeak", new ScriptedSynthesizer(fail: false))],
            _circuits, _observer, usage);
        var model = new FailoverLanguageModel(
            [new("a", "a", new ScriptedModel("a", failBeforeFirst: new ProviderException("a", ProviderFailureKind.Unavailable, "down"))), new("b", "b", new ScriptedModel("b", "Hello ", "there."))],
            _circuits, _observer, usage);
        var recognizer = new FailoverSpeechRecognizer([new("deepgram", "deepgram", new ScriptedRecognizer("deepgram"))], _circuits, _observer, usage);

        await foreach (var _ in synthesizer.SynthesizeAsync(new SpeechRequest(Guid.NewGuid(), "Hello there.", new VoiceSettings(), 8000), CancellationToken.None))
        {
        }

        await Collect(model);
        await using (var stream = recognizer.Start(new RecognitionOptions(Guid.NewGuid(), "deepgram", "nova-3", "en-IN", 16000)))
        {
            for (var frame = 0; frame < 50; frame++)
            {
                stream.Write(new byte[640]);
            }
        }

        var used = usage.Snapshot();
        used.Synthesis.ShouldBe([new SynthesisUse("espeak", "Hello there.".Length)]);
        used.Recognition.ShouldBe([new RecognitionUse("deepgram", 1.0)]);
        var tokens = used.Models.ShouldHaveSingleItem();
        tokens.Provider.ShouldBe("b");
        tokens.Estimated.ShouldBeTrue("the scripted model reports no usage");
        tokens.TokensOut.ShouldBe((long)Math.Ceiling("Hello there.".Length / 4.0));
    }

    [Fact]
    public async Task Tokens_a_server_reports_are_counted_as_reported()
    {
        var usage = new ProviderUsageMeter();
        var model = new FailoverLanguageModel([new("openai", "openai", new ScriptedModel("openai", "Hi.") { Usage = new TokenUsage(1200, 7) })], _circuits, _observer, usage);

        await Collect(model);

        usage.Snapshot().Models.ShouldBe([new ModelUse("openai", 1200, 7, Estimated: false)]);
    }

    private FailoverLanguageModel Model(params ScriptedModel[] models) =>
        new(models.Select(model => new ProviderCandidate<ILanguageModel>(model.Name, model.Name, model)).ToArray(), _circuits, _observer);

    private static async Task<string> Collect(FailoverLanguageModel model)
    {
        var text = string.Empty;
        await foreach (var chunk in model.StreamAsync(Request, CancellationToken.None))
        {
            text += chunk.Text;
        }

        return text;
    }

    private sealed class RecordingObserver : IProviderFailoverObserver
    {
        public List<string> Failovers { get; } = [];

        public void FailedOver(string failed, string? next, Exception exception)
        {
            lock (Failovers)
            {
                Failovers.Add($"{failed}→{next ?? "(none)"}:{(exception is ProviderException provider ? provider.Kind.ToString() : exception.GetType().Name)}");
            }
        }
    }

    private sealed class ScriptedModel(string name, params string[] chunks) : ILanguageModel
    {
        private readonly Exception? _failBeforeFirst;

        public ScriptedModel(string name, Exception failBeforeFirst)
            : this(name)
        {
            _failBeforeFirst = failBeforeFirst;
        }

        public string Name { get; } = name;

        public int Calls { get; private set; }

        public int FailAfterChunks { get; init; } = -1;

        public Func<Task>? BeforeFirst { get; init; }

        public TokenUsage? Usage { get; init; }

        public async IAsyncEnumerable<LanguageModelChunk> StreamAsync(LanguageModelRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            Calls++;
            if (BeforeFirst is not null)
            {
                await BeforeFirst();
            }

            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            if (_failBeforeFirst is not null)
            {
                throw _failBeforeFirst;
            }

            for (var i = 0; i < chunks.Length; i++)
            {
                if (i == FailAfterChunks)
                {
                    throw new ProviderException(Name, ProviderFailureKind.Unavailable, "cut");
                }

                yield return LanguageModelChunk.Delta(chunks[i]);
            }

            if (Usage is not null)
            {
                yield return LanguageModelChunk.Used(Usage);
            }

            if (FailAfterChunks >= chunks.Length)
            {
                throw new ProviderException(Name, ProviderFailureKind.Unavailable, "cut");
            }
        }
    }

    private sealed class ScriptedSynthesizer(bool fail) : ISpeechSynthesizer
    {
        public async IAsyncEnumerable<ReadOnlyMemory<byte>> SynthesizeAsync(SpeechRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            if (fail)
            {
                throw new ProviderException("elevenlabs", ProviderFailureKind.Unavailable, "503");
            }

            yield return new byte[320];
        }
    }

    private sealed class ScriptedRecognizer(string name) : ISpeechRecognizer
    {
        public ScriptedStream? Stream { get; private set; }

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IRecognitionStream Start(RecognitionOptions options)
        {
            Stream = new ScriptedStream(name);
            Started.TrySetResult();
            return Stream;
        }
    }

    private sealed class ScriptedStream(string name) : IRecognitionStream
    {
        private readonly Channel<RecognitionResult> _results = Channel.CreateUnbounded<RecognitionResult>();

        public string Name { get; } = name;

        public ChannelReader<RecognitionResult> Results => _results.Reader;

        public int BytesWritten { get; private set; }

        public bool Disposed { get; private set; }

        public void Write(ReadOnlySpan<byte> pcm16) => BytesWritten += pcm16.Length;

        public void Emit(RecognitionResult result) => _results.Writer.TryWrite(result);

        public void Fail(Exception exception) => _results.Writer.TryComplete(exception);

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            _results.Writer.TryComplete();
            return ValueTask.CompletedTask;
        }
    }
}
