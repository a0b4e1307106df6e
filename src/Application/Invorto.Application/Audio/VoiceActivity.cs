namespace Invorto.Application.Audio;

/// <summary>The detector's verdict on one frame.</summary>
/// <param name="Speaking">Voiced, or within the hangover after voice.</param>
/// <param name="Onset">The first voiced frame of a burst.</param>
/// <param name="Offset">The frame on which the hangover ran out (Speaking is false).</param>
/// <param name="FrameDbfs">The frame's RMS level.</param>
/// <param name="NoiseFloorDb">The estimated background level.</param>
public readonly record struct VoiceActivity(bool Speaking, bool Onset, bool Offset, double FrameDbfs, double NoiseFloorDb);
