using Invorto.Application.Conversations.Providers;

namespace Invorto.Infrastructure.Conversations.Fakes;

/// <summary>Recognises words from a script whenever the audio carries voice energy: one utterance per speech burst.</summary>
public sealed class FakeSpeechRecognizer(FakeProviderOptions settings, FakeProviderCounters counters, IReadOnlyList<string>? script = null) : ISpeechRecognizer
{
    public IRecognitionStream Start(RecognitionOptions options) =>
        new FakeRecognitionStream(settings, counters, script ?? settings.Utterances(), options.SampleRate);
}
