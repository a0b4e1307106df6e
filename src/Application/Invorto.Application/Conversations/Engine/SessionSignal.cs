namespace Invorto.Application.Conversations.Engine;

/// <summary>What the engine loop of a session reacts to, in order.</summary>
internal abstract record SessionSignal
{
    public sealed record Recognized(Providers.RecognitionResult Result, long At) : SessionSignal;

    public sealed record TurnEnded(string Text, double Confidence, TurnTiming Timing) : SessionSignal;

    public sealed record ReplyFinished(ReplyHandle Reply) : SessionSignal;

    public sealed record Interrupted(string PlayedText, long SpeechOnsetAt, long StoppedAt) : SessionSignal;

    public sealed record Resume : SessionSignal;

    public sealed record Digits(string Value) : SessionSignal;

    public sealed record Stop(string Reason, bool SayGoodbye) : SessionSignal;
}
