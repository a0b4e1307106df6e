namespace Invorto.Local.Demo;

/// <summary>A WAV file the demo wrote: its absolute path, what it holds, and its length.</summary>
public sealed record DemoAudioFile(string Path, string Content, double Seconds);
