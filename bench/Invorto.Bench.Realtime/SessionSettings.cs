namespace Invorto.Bench.Realtime;

/// <summary>How the sessions of one run talk to their target.</summary>
/// <param name="Stamped">Baseline target: client frames carry a send timestamp and server frames are read for theirs.</param>
/// <param name="ProviderLatencyMs">Latency of the fake providers, subtracted from the turn overhead.</param>
public sealed record SessionSettings(
    Uri Url,
    string? ApiKey,
    string AgentId,
    bool Stamped,
    double ProviderLatencyMs,
    TimeSpan ReadyTimeout);
