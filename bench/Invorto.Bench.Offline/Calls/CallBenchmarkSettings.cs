namespace Invorto.Bench.Offline.Calls;

/// <summary>The knobs of the call benchmarks (<c>--quick</c> shortens every window).</summary>
public sealed record CallBenchmarkSettings(
    string RealtimeDll,
    string ApiDll,
    string WorkDir,
    int? HostCore,
    int TurnSessions,
    TimeSpan TurnWarmup,
    TimeSpan TurnWindow,
    int CapacityStart,
    int CapacityStep,
    int CapacityResolution,
    int CapacityMax,
    TimeSpan CapacityWarmup,
    TimeSpan CapacityWindow,
    int CloudSessions,
    TimeSpan CloudWindow)
{
    public static CallBenchmarkSettings Full(string realtimeDll, string apiDll, string workDir, int? hostCore) => new(
        realtimeDll, apiDll, workDir, hostCore, TurnSessions: 3, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(60), 10, 10, 5, 400, TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(20), CloudSessions: 4, TimeSpan.FromSeconds(60));

    public static CallBenchmarkSettings Quick(string realtimeDll, string apiDll, string workDir, int? hostCore) => new(
        realtimeDll, apiDll, workDir, hostCore, TurnSessions: 3, TimeSpan.FromSeconds(6), TimeSpan.FromSeconds(25), 10, 20, 10, 400, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8), CloudSessions: 4, TimeSpan.FromSeconds(25));
}
