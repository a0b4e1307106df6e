namespace Invorto.Bench.Offline.Calls;

/// <summary>A caller phrase as 20 ms PCM16LE frames at 16 kHz, and the index of its last voiced frame.</summary>
public sealed record SpokenPhrase(string Text, byte[][] Frames, int LastVoiced);
