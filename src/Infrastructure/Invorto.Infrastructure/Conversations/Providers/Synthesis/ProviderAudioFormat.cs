namespace Invorto.Infrastructure.Conversations.Providers.Synthesis;

/// <summary>The audio a provider was asked to stream.</summary>
internal readonly record struct ProviderAudioFormat(ProviderAudioEncoding Encoding, int SampleRate);
