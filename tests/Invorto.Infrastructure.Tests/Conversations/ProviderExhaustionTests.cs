using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Invorto.Application.Conversations;
using Invorto.Application.Conversations.Providers;
using Invorto.Application.Conversations.Transport;
using Shouldly;
using Xunit;
using static Invorto.Infrastructure.Tests.Conversations.FakeTimeEngineHarness;

namespace Invorto.Infrastructure.Tests.Conversations;

/// <summary>When no provider is left the caller is never left in silence: an apology if a voice remains, then the call ends.</summary>
public sealed class ProviderExhaustionTests
{
    [Fact]
    public async Task A_model_with_no_provider_left_gets_the_caller_an_apology_and_ends_the_call_provider_unavailable()
    {
        await using var call = Start(Agent(), ["I would like to know about pricing"],
            providers: providers => providers with { LanguageModel = new FailingModel() });

        call.Caller.Say(1200);
        await call.RunUntilAsync(call.Session.Completion);
        var reason = await call.Session.Completion;

        reason.ShouldBe(ConversationEndReasons.ProviderUnavailable);
        call.Transport.EventsOf<SessionError>().ShouldContain(error => error.Code == "provider_unavailable");
        call.Timeline.Entries.ShouldContain(entry => entry.Kind == TimelineKinds.CallEnding && entry.PayloadJson!.Contains("provider_unavailable"));
        call.Transport.Frames.ShouldBeGreaterThan(0, "the apology was spoken");
        call.Timeline.Entries.Last(entry => entry.Kind == TimelineKinds.AgentTurn).PayloadJson!.ShouldContain("having trouble");
    }

    [Fact]
    public async Task A_voice_with_no_provider_left_ends_the_call_provider_unavailable_at_once()
    {
        await using var call = Start(Agent(agent => agent with { FirstMessage = "Hello, how can I help?" }), [],
            providers: providers => providers with { Synthesizer = new FailingSynthesizer() });

        await call.RunUntilAsync(call.Session.Completion);
        var reason = await call.Session.Completion;

        reason.ShouldBe(ConversationEndReasons.ProviderUnavailable);
        call.Transport.Frames.ShouldBe(0);
    }

    [Fact]
    public async Task A_recognition_with_no_provider_left_gets_the_caller_an_apology_and_ends_the_call_provider_unavailable()
    {
        await using var call = Start(Agent(), [], providers: providers => providers with { Recognizer = new FailingRecognizer() });

        await call.RunUntilAsync(call.Session.Completion);
        var reason = await call.Session.Completion;

        reason.ShouldBe(ConversationEndReasons.ProviderUnavailable);
        call.Transport.Frames.ShouldBeGreaterThan(0, "the apology was spoken");
    }

    private sealed class FailingRecognizer : ISpeechRecognizer
    {
        public IRecognitionStream Start(RecognitionOptions options) => new FailedStream();

        private sealed class FailedStream : IRecognitionStream
        {
            private readonly Channel<RecognitionResult> _results = Channel.CreateUnbounded<RecognitionResult>();

            public FailedStream() => _results.Writer.TryComplete(new ProviderException("pocketsphinx", ProviderFailureKind.Unavailable, "No provider left (deepgram, pocketsphinx)."));

            public ChannelReader<RecognitionResult> Results => _results.Reader;

            public void Write(ReadOnlySpan<byte> pcm16)
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }

    private sealed class FailingModel : ILanguageModel
    {
        public async IAsyncEnumerable<LanguageModelChunk> StreamAsync(LanguageModelRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            throw new ProviderException("openai", ProviderFailureKind.Unavailable, "No provider left (openai).");
#pragma warning disable CS0162 // an iterator needs a yield to be one
            yield break;
#pragma warning restore CS0162
        }
    }

    private sealed class FailingSynthesizer : ISpeechSynthesizer
    {
        public async IAsyncEnumerable<ReadOnlyMemory<byte>> SynthesizeAsync(SpeechRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await Task.Yield();
            throw new ProviderException("espeak", ProviderFailureKind.Unavailable, "No provider left (espeak).");
#pragma warning disable CS0162 // an iterator needs a yield to be one
            yield break;
#pragma warning restore CS0162
        }
    }
}
