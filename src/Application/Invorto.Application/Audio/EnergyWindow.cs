namespace Invorto.Application.Audio;

/// <summary>The caller's level over one meter window (spec: <c>emotion.window</c>).</summary>
public readonly record struct EnergyWindow(double EnergyDb, bool Speaking);
