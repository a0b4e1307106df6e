using Invorto.Application.Agents.Configuration;

namespace Invorto.Application.Conversations.Providers;

/// <summary>Text to speak with the agent's voice.</summary>
public sealed record SpeechRequest(Guid CallId, string Text, VoiceSettings Voice, int SampleRate);
