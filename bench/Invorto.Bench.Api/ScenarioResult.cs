namespace Invorto.Bench.Api;

/// <summary>One scenario's latencies (ms, measured from each request's scheduled start) and the rate it achieved.</summary>
internal sealed record ScenarioResult(string Name, string Path, int Requests, int Failures, double P50Ms, double P95Ms, double P99Ms, double MaxMs, double AchievedRps);
