namespace Invorto.Bench.Offline.Calls;

/// <summary>What the call benchmarks measured: turn latency on the offline providers, their capacity per core, and the platform's own turn overhead on instant cloud fakes.</summary>
public sealed record CallFigures
{
    public required CallStep OfflineTurns { get; init; }

    /// <summary>The same turns with the agent's endpointing wait fixed at <see cref="CallAgents.FixedWait"/> ms.</summary>
    public required CallStep OfflineTurnsFixedWait { get; init; }

    /// <summary>The largest passing step of the search (0 when none passed).</summary>
    public required int SessionsPerCore { get; init; }

    public required IReadOnlyList<CallStep> CapacitySteps { get; init; }

    public required CallStep CloudTurns { get; init; }

    /// <summary>The fakes' own time per turn as a bare client sees it: the chat answer's end plus the voice's first audio.</summary>
    public required double CloudFakeMs { get; init; }

    public required double CloudChatMs { get; init; }

    public required double CloudSpeechFirstAudioMs { get; init; }

    public double? CloudOverheadP50Ms => CloudTurns.SttFinalToAudioP50Ms - CloudFakeMs;

    public double? CloudOverheadP95Ms => CloudTurns.SttFinalToAudioP95Ms - CloudFakeMs;

    public required string HostPinning { get; init; }

    public required string CapacityPlan { get; init; }

    public CallStep? BestCapacityStep => CapacitySteps.Where(s => s.Passed).MaxBy(s => s.Sessions);
}
