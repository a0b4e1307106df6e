using System.Globalization;
using Invorto.Bench.Realtime;

namespace Invorto.Bench.Offline.Calls;

/// <summary>
/// Web calls over real WebSockets against the Realtime host (Release, embedded SQLite in a fresh data directory, on
/// 127.0.0.1, optionally pinned to one core): a tenant with an offline agent and a cloud agent made through the Api;
/// then turn latency at low concurrency, the step search for sessions per core, and, on a second host whose operator keys
/// point at instant local fakes, the platform's own turn overhead.
/// </summary>
public static class CallBenchmark
{
    public static async Task<CallFigures> RunAsync(CallBenchmarkSettings settings, CancellationToken cancellationToken)
    {
        var dataDir = Path.Combine(settings.WorkDir, "data");
        Directory.CreateDirectory(dataDir);
        var phrases = await CallerPhrases.SynthesizeAsync(cancellationToken);
        var (key, agents) = await BenchTenant.CreateAsync(settings.ApiDll, dataDir, [CallAgents.Offline, CallAgents.OfflineFixedWait, CallAgents.Cloud], cancellationToken);

        CallStep offlineTurns;
        CallStep fixedWaitTurns;
        var steps = new List<CallStep>();
        var search = new StepSearch(settings.CapacityStart, settings.CapacityStep, settings.CapacityResolution, settings.CapacityMax);
        await using (var host = await StartRealtimeAsync(settings, dataDir, "realtime-offline.log", new Dictionary<string, string?>(), cancellationToken))
        {
            var runner = new CallStepRunner(Calls(host, key, agents[0]), phrases, host.Pid);
            Console.WriteLine($"turn latency: {settings.TurnSessions} calls on the offline providers, {settings.TurnWindow.TotalSeconds:0} s");
            offlineTurns = await runner.RunAsync(settings.TurnSessions, settings.TurnWarmup, settings.TurnWindow, cancellationToken);
            Console.WriteLine(Describe(offlineTurns));
            Console.WriteLine($"turn latency with a fixed {CallAgents.FixedWait} ms endpointing wait");
            fixedWaitTurns = await new CallStepRunner(Calls(host, key, agents[1]), phrases, host.Pid)
                .RunAsync(settings.TurnSessions, settings.TurnWarmup, settings.TurnWindow, cancellationToken);
            Console.WriteLine(Describe(fixedWaitTurns));
            while (search.Next is { } n)
            {
                var step = await runner.RunAsync(n, settings.CapacityWarmup, settings.CapacityWindow, cancellationToken);
                steps.Add(step);
                search.Report(n, step.Passed);
                Console.WriteLine(Describe(step));
                await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
            }
        }

        await using var fakes = await CloudFakes.StartAsync();
        var (chatMs, speechMs) = await fakes.ProbeAsync(20, cancellationToken);
        CallStep cloudTurns;
        await using (var host = await StartRealtimeAsync(settings, dataDir, "realtime-cloud.log", fakes.Environment, cancellationToken))
        {
            var runner = new CallStepRunner(Calls(host, key, agents[2]), phrases, host.Pid, fakes.OnVoicedEnd) { OnReady = fakes.PairAsync };
            Console.WriteLine($"cloud fakes: {settings.CloudSessions} calls, {settings.CloudWindow.TotalSeconds:0} s (fakes: chat {chatMs:F2} ms, first audio {speechMs:F2} ms)");
            cloudTurns = await runner.RunAsync(settings.CloudSessions, settings.TurnWarmup, settings.CloudWindow, cancellationToken);
            Console.WriteLine(Describe(cloudTurns));
        }

        return new CallFigures
        {
            OfflineTurns = offlineTurns,
            OfflineTurnsFixedWait = fixedWaitTurns,
            SessionsPerCore = search.BestPassing,
            CapacitySteps = steps,
            CloudTurns = cloudTurns,
            CloudFakeMs = Math.Round(chatMs + speechMs, 3),
            CloudChatMs = Math.Round(chatMs, 3),
            CloudSpeechFirstAudioMs = Math.Round(speechMs, 3),
            HostPinning = settings.HostCore is { } core ? $"taskset -c {core}" : "not pinned",
            CapacityPlan = string.Create(
                CultureInfo.InvariantCulture,
                $"N from {settings.CapacityStart} by +{settings.CapacityStep} while a step passes, then bisection to ±{settings.CapacityResolution}; each step connects N calls at 10/s, warms up {settings.CapacityWarmup.TotalSeconds:0} s, measures {settings.CapacityWindow.TotalSeconds:0} s and ends them all"),
        };
    }

    private static CallSettings Calls(HostProcess host, string key, Guid agentId) =>
        new(new Uri($"ws://127.0.0.1:{host.Port}/realtime/voice"), key, agentId, TimeSpan.FromSeconds(15));

    private static Task<HostProcess> StartRealtimeAsync(CallBenchmarkSettings settings, string dataDir, string log, IReadOnlyDictionary<string, string?> providers, CancellationToken cancellationToken)
    {
        var environment = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["INVORTO_DATA_DIR"] = dataDir,
            ["DB_URL"] = null,
            ["REDIS_URL"] = null,
            ["CONVERSATION_PROVIDERS"] = null,
            ["REALTIME_CONNECTS_PER_SEC"] = "10000",
            ["MAX_CONCURRENT_CALLS"] = "10000",
            ["DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS"] = "1",
            ["DEEPGRAM_API_KEY"] = null,
            ["OPENAI_API_KEY"] = null,
            ["ELEVENLABS_API_KEY"] = null,
        };
        foreach (var (name, value) in providers)
        {
            environment[name] = value;
        }

        return HostProcess.StartAsync(settings.RealtimeDll, environment, settings.HostCore, Path.Combine(settings.WorkDir, log), cancellationToken);
    }

    private static string Describe(CallStep s) => string.Create(
        CultureInfo.InvariantCulture,
        $"  N={s.Sessions,4} {(s.Passed ? "pass" : "FAIL")}: ready {s.Ready}, dropped {s.Dropped}, frames {s.Frames}, lateness p50 {s.LatenessP50Ms} p99 {s.LatenessP99Ms} ms, late {s.LateFrames}, turns answered {s.AnsweredTurns} unanswered {s.UnansweredTurns}, turn latency p50 {s.TurnLatencyP50Ms} p95 {s.TurnLatencyP95Ms} ms, stt.final→audio p50 {s.SttFinalToAudioP50Ms} p95 {s.SttFinalToAudioP95Ms} ms, errors {s.ServerErrors}, server {s.ServerCores} cores, send slip p99 {s.SendSlipP99Ms} ms{(s.ClientBound ? " (client-bound)" : string.Empty)}, load {s.LoadAverageBefore}→{s.LoadAverageAfter}");
}
