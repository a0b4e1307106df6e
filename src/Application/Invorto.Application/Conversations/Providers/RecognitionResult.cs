namespace Invorto.Application.Conversations.Providers;

/// <summary>A hypothesis of what the caller said: a partial that may still change, or a final one.</summary>
public readonly record struct RecognitionResult(string Text, bool IsFinal, double Confidence);
