namespace Invorto.Bench.Offline.Calls;

/// <summary>What one step of concurrent calls measured over its window.</summary>
public sealed record CallStep
{
    public required int Sessions { get; init; }

    public required int Ready { get; init; }

    public required int Dropped { get; init; }

    public required long Frames { get; init; }

    public required double? LatenessP50Ms { get; init; }

    public required double? LatenessP99Ms { get; init; }

    public required long LateFrames { get; init; }

    public required long AnsweredTurns { get; init; }

    public required long UnansweredTurns { get; init; }

    public required double? TurnLatencyP50Ms { get; init; }

    public required double? TurnLatencyP95Ms { get; init; }

    public required double? SttFinalToAudioP50Ms { get; init; }

    public required double? SttFinalToAudioP95Ms { get; init; }

    public required long ServerErrors { get; init; }

    public required double? ServerCores { get; init; }

    public required double MeasuredSeconds { get; init; }

    /// <summary>The load tool's send slip p99: above 5 ms the client, not the host, was late (the step is flagged, not failed).</summary>
    public required double? SendSlipP99Ms { get; init; }

    public required double? LoadAverageBefore { get; init; }

    public required double? LoadAverageAfter { get; init; }

    public bool ClientBound => SendSlipP99Ms > 5;

    /// <summary>The median turn latency of each caller phrase, in milliseconds, and how many turns it had.</summary>
    public required IReadOnlyDictionary<string, (double MedianMs, int Turns)> TurnLatencyByPhrase { get; init; }

    /// <summary>
    /// Every call got <c>ready</c> and stayed up, agent audio lateness p99 stayed under 5 ms, and at least 90 % of the
    /// caller's turns were answered (eSpeak's phrases are in the grammar, so a lost turn means the host fell behind).
    /// </summary>
    public bool Passed => Ready == Sessions && Dropped == 0 && Frames > 0 && LatenessP99Ms < 5
        && AnsweredTurns > 0 && AnsweredTurns >= 0.9 * (AnsweredTurns + UnansweredTurns);
}
