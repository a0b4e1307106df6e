using Invorto.Application.Conversations.Providers;

namespace Invorto.Infrastructure.Conversations.Scripted;

/// <summary>
/// Recognises words from a script whenever the audio carries voice energy: one utterance per speech burst. Its latency
/// passes on <paramref name="time"/> (the system clock unless a test gives it a fake one).
/// </summary>
public sealed class ScriptedSpeechRecognizer(ScriptedProviderOptions settings, ScriptedProviderCounters counters, IReadOnlyList<string>? script = null, TimeProvider? time = null) : ISpeechRecognizer
{
    public IRecognitionStream Start(RecognitionOptions options) =>
        new ScriptedRecognitionStream(settings, counters, script ?? settings.Utterances(), options.SampleRate, time ?? TimeProvider.System);
}
