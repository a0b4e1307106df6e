namespace Invorto.Infrastructure.Conversations.Fakes;

/// <summary>Open streams of the fake providers, so a test can prove every session closed what it opened.</summary>
public sealed class FakeProviderCounters
{
    private long _recognitions;
    private long _completions;
    private long _syntheses;

    public long OpenRecognitions => Interlocked.Read(ref _recognitions);

    public long OpenCompletions => Interlocked.Read(ref _completions);

    public long OpenSyntheses => Interlocked.Read(ref _syntheses);

    public long Open => OpenRecognitions + OpenCompletions + OpenSyntheses;

    internal void RecognitionOpened() => Interlocked.Increment(ref _recognitions);

    internal void RecognitionClosed() => Interlocked.Decrement(ref _recognitions);

    internal void CompletionOpened() => Interlocked.Increment(ref _completions);

    internal void CompletionClosed() => Interlocked.Decrement(ref _completions);

    internal void SynthesisOpened() => Interlocked.Increment(ref _syntheses);

    internal void SynthesisClosed() => Interlocked.Decrement(ref _syntheses);
}
