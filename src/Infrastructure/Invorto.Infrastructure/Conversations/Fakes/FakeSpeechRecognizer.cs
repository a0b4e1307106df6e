using Invorto.Application.Conversations.Providers;

namespace Invorto.Infrastructure.Conversations.Fakes;

/// <summary>
/// Recognises words from a script whenever the audio carries voice energy: one utterance per speech burst. Its latency
/// passes on <paramref name="time"/> (the system clock unless a test gives it a fake one).
/// </summary>
public sealed class FakeSpeechRecognizer(FakeProviderOptions settings, FakeProviderCounters counters, IReadOnlyList<string>? script = null, TimeProvider? time = null) : ISpeechRecognizer
{
    public IRecognitionStream Start(RecognitionOptions options) =>
        new FakeRecognitionStream(settings, counters, script ?? settings.Utterances(), options.SampleRate, time ?? TimeProvider.System);
}
