namespace Invorto.Bench.Offline.Calls;

/// <summary>Where the simulated calls go: the Realtime host's voice endpoint, the tenant key and the agent.</summary>
public sealed record CallSettings(Uri Url, string ApiKey, Guid AgentId, TimeSpan ReadyTimeout);
