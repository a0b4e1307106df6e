using Invorto.Application.Audio;

namespace Invorto.Application.Conversations.Engine;

/// <summary>One 20 ms frame of the caller as the detector heard it; voiced frames are loud enough to count as speech.</summary>
internal readonly record struct CallerFrame(VoiceActivity Activity, bool Voiced);
