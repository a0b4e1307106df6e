namespace Invorto.Application.Conversations.Providers;

/// <summary>What a recognition stream listens to.</summary>
public sealed record RecognitionOptions(Guid CallId, string Provider, string Model, string Language, int SampleRate);
