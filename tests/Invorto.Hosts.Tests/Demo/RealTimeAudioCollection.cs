namespace Invorto.Hosts.Tests.Demo;

/// <summary>
/// Tests that stream speech in real time to their own platform run alone: beside the other tests' load, audio frames
/// arrive late, the jitter buffer drops them, and the recognizer hears a different call.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealTimeAudioCollection
{
    public const string Name = "real-time audio";
}
